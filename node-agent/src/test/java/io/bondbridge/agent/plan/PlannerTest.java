package io.bondbridge.agent.plan;

import static io.bondbridge.agent.plan.TestHosts.OWNER;
import static io.bondbridge.agent.plan.TestHosts.bond;
import static io.bondbridge.agent.plan.TestHosts.nodeWithNics;
import static io.bondbridge.agent.plan.TestHosts.recreateOf;
import static io.bondbridge.agent.plan.TestHosts.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Link;
import io.bondbridge.agent.host.Route;
import io.bondbridge.agent.observe.SysfsBonding;
import io.bondbridge.api.v1alpha1.Bond;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.BondMode;
import io.bondbridge.api.v1alpha1.BondOptions;
import io.bondbridge.api.v1alpha1.Bridge;
import io.bondbridge.api.v1alpha1.Ipv4Mode;
import io.bondbridge.api.v1alpha1.NodeIpv4;
import io.bondbridge.api.v1alpha1.NodeVlan;
import io.bondbridge.api.v1alpha1.PortSelector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlannerTest {
  private static final Route DEFAULT_ETH0 =
      Route.of("default", "10.0.0.1", "eth0").withProtocol("boot");

  private static List<String> commands(Plan plan) {
    return plan.steps().stream().map(Step::describe).toList();
  }

  @Test
  void bondsAndBridgesTheNodeUplinkInAnOrderTheKernelAcceptsAndThatKeepsTheNodeReachable() {
    HostState host = nodeWithNics(2).build();
    BondBridgeNodeSpec spec =
        spec(
            bond("bond0", BondMode.ACTIVE_BACKUP, "eth0", "eth1"),
            Bridge.named("br0"),
            NodeIpv4.inherit());

    Plan plan = Planner.plan(spec, host, OWNER);

    assertThat(commands(plan))
        .containsExactly(
            "ip link add name bond0 type bond mode active-backup miimon 100",
            "ip link set dev bond0 alias bondbridge:vm-uplink",
            "ip link add name br0 type bridge stp_state 0 forward_delay 1500 vlan_filtering 0",
            "ip link set dev br0 alias bondbridge:vm-uplink",
            "ip link set dev br0 up",
            "ip route del default via 10.0.0.1 dev eth0 proto boot",
            // the port with the node address goes first: bond and bridge take its MAC
            "ip link set dev eth0 down",
            "ip link set dev eth0 master bond0",
            "ip link set dev bond0 up",
            "ip link set dev bond0 master br0",
            "ip addr add 10.0.0.2/24 dev br0",
            "ip addr del 10.0.0.2/24 dev eth0",
            "ip route add default via 10.0.0.1 dev br0 proto boot",
            "ip link set dev eth1 down",
            "ip link set dev eth1 master bond0");
  }

  @Test
  void aPortNetworkdManagesIsRefusedWithTheManagerAndHowToHandItOver() {
    HostState host =
        nodeWithNics(2)
            .build()
            .withManagers(
                Map.of(
                    "eth1",
                    new io.bondbridge.agent.host.LinkManager(
                        "systemd-networkd",
                        "network file /etc/systemd/network/20-eth1.network",
                        "set Unmanaged=yes ...")));
    BondBridgeNodeSpec spec =
        spec(
            bond("bond0", BondMode.ACTIVE_BACKUP, "eth0", "eth1"),
            Bridge.named("br0"),
            NodeIpv4.inherit());

    Plan plan = Planner.plan(spec, host, OWNER);

    assertThat(plan.steps()).isEmpty();
    assertThat(plan.refusals())
        .containsExactly(
            "eth1 is managed by systemd-networkd (network file"
                + " /etc/systemd/network/20-eth1.network), which would configure it again behind"
                + " the bond's back; to hand it to BondBridge, set Unmanaged=yes ...");
  }

  @Test
  void theAddressMoveFromThePortLeavingServiceToTheRoutesOnTopIsOneWrite() {
    HostState host = nodeWithNics(2).build();
    BondBridgeNodeSpec spec =
        spec(
            bond("bond0", BondMode.ACTIVE_BACKUP, "eth0", "eth1"),
            Bridge.named("br0"),
            NodeIpv4.inherit());

    Plan plan = Planner.plan(spec, host, OWNER);

    List<List<String>> writes =
        plan.writes().stream().map(w -> w.stream().map(Step::describe).toList()).toList();
    assertThat(writes).filteredOn(w -> w.size() > 1).hasSize(1);
    assertThat(writes)
        .contains(
            List.of(
                "ip route del default via 10.0.0.1 dev eth0 proto boot",
                "ip link set dev eth0 down",
                "ip link set dev eth0 master bond0",
                "ip link set dev bond0 up",
                "ip link set dev bond0 master br0",
                "ip addr add 10.0.0.2/24 dev br0",
                "ip addr del 10.0.0.2/24 dev eth0",
                "ip route add default via 10.0.0.1 dev br0 proto boot"));
    assertThat(writes.stream().flatMap(List::stream).toList()).isEqualTo(commands(plan));
  }

  @Test
  void vlansComeAfterTheFirstPortAndCarryTheirStaticAddresses() {
    HostState host =
        TestHosts.host().nic("eth0", "52:54:00:00:00:00").nic("eth1", "52:54:00:00:00:01").build();
    BondBridgeNodeSpec spec =
        spec(
            bond("team1", BondMode.ACTIVE_BACKUP, "eth0", "eth1"),
            null,
            NodeIpv4.none(),
            new NodeVlan(
                10,
                "team1.10",
                null,
                null,
                new NodeIpv4(Ipv4Mode.STATIC, "192.168.1.1/24", null, null, null),
                null),
            new NodeVlan(
                15,
                "team1.15",
                null,
                null,
                new NodeIpv4(Ipv4Mode.STATIC, "192.168.2.1/24", null, null, null),
                null));

    List<String> commands = commands(Planner.plan(spec, host, OWNER));

    int firstPort = commands.indexOf("ip link set dev eth0 master team1");
    int vlan10 = commands.indexOf("ip link add link team1 name team1.10 type vlan id 10");
    assertThat(firstPort).isNotNegative();
    assertThat(vlan10).isGreaterThan(firstPort);
    assertThat(commands)
        .contains(
            "ip link add link team1 name team1.15 type vlan id 15",
            "ip addr add 192.168.1.1/24 dev team1.10",
            "ip addr add 192.168.2.1/24 dev team1.15");
    assertThat(commands.indexOf("ip addr add 192.168.1.1/24 dev team1.10")).isGreaterThan(vlan10);
  }

  @Test
  void everyPortIsSetDownBeforeItIsEnslaved() {
    HostState host = nodeWithNics(4).build();
    BondBridgeNodeSpec spec =
        spec(
            bond("bond0", BondMode.BALANCE_RR, "eth0", "eth1", "eth2", "eth3"),
            null,
            NodeIpv4.inherit());

    List<String> commands = commands(Planner.plan(spec, host, OWNER));

    for (int i = 0; i < 4; i++) {
      int down = commands.indexOf("ip link set dev eth" + i + " down");
      int enslave = commands.indexOf("ip link set dev eth" + i + " master bond0");
      assertThat(down).as("eth%d", i).isNotNegative().isLessThan(enslave);
    }
  }

  @Test
  void allOptionsAreSetWhenTheBondIsCreated() {
    BondOptions options =
        new BondOptions(
            100,
            200,
            200,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            BondOptions.PrimaryReselect.BETTER,
            BondOptions.FailOverMac.ACTIVE,
            null,
            null,
            2,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    Bond bond =
        new Bond(
            "bond0",
            BondMode.ACTIVE_BACKUP,
            List.of(PortSelector.byName("eth1")),
            "eth1",
            options,
            9000);
    HostState host = TestHosts.host().nic("eth1", "52:54:00:00:00:01").build();

    List<String> commands = commands(Planner.plan(spec(bond, null, NodeIpv4.none()), host, OWNER));

    assertThat(commands.get(0))
        .isEqualTo(
            "ip link add name bond0 type bond mode active-backup primary eth1 miimon 100 updelay"
                + " 200 downdelay 200 primary_reselect better fail_over_mac active num_grat_arp 2");
    assertThat(commands).contains("ip link set dev bond0 mtu 9000");
  }

  @Test
  void inheritPutsBackTheRecordedAddressAndRouteWhenTheyWentWithADeletedBridge() {
    // examples/bond.yaml applied, then `ip link del br0`: the kernel took 10.0.0.2/24 and the
    // default route along; the bond and its ports are still there
    HostState host =
        TestHosts.host()
            .nic("eth0", "52:54:00:00:00:00")
            .nic("eth1", "52:54:00:00:00:01")
            .bond("bond0", OWNER.mark(), true, TestHosts.activeBackupOptions())
            .enslave("eth0", "bond0")
            .enslave("eth1", "bond0")
            .build();
    BondBridgeNodeSpec spec =
        spec(
            bond("bond0", BondMode.ACTIVE_BACKUP, "eth0", "eth1"),
            Bridge.named("br0"),
            NodeIpv4.inherit());
    Origins recorded = new Origins(Map.of("10.0.0.2/24", "eth0"), List.of(DEFAULT_ETH0));

    List<String> commands = commands(Planner.plan(spec, host, OWNER, recorded));

    assertThat(commands)
        .containsSubsequence(
            "ip link add name br0 type bridge stp_state 0 forward_delay 1500 vlan_filtering 0",
            "ip link set dev bond0 master br0",
            "ip addr add 10.0.0.2/24 dev br0",
            "ip route add default via 10.0.0.1 dev br0 proto boot");
    // without a record there is nothing to inherit from: the bridge comes back bare
    assertThat(commands(Planner.plan(spec, host, OWNER)))
        .noneMatch(c -> c.startsWith("ip addr add") || c.startsWith("ip route add"));
  }

  @Test
  void theRecordIsNotUsedWhileTheAddressIsStillOnTheHost() {
    HostState host = nodeWithNics(2).build();
    BondBridgeNodeSpec spec =
        spec(
            bond("bond0", BondMode.ACTIVE_BACKUP, "eth0", "eth1"),
            Bridge.named("br0"),
            NodeIpv4.inherit());
    Origins stale = new Origins(Map.of("10.9.9.9/24", "eth0"), List.of());

    assertThat(commands(Planner.plan(spec, host, OWNER, stale)))
        .contains("ip addr add 10.0.0.2/24 dev br0")
        .noneMatch(c -> c.contains("10.9.9.9"));
  }

  @Test
  void aConvergedHostPlansNothing() {
    HostState host =
        TestHosts.host()
            .nic("eth0", "52:54:00:00:00:00")
            .nic("eth1", "52:54:00:00:00:01")
            .bond("bond0", OWNER.mark(), true, TestHosts.activeBackupOptions())
            .enslave("eth0", "bond0")
            .enslave("eth1", "bond0")
            .address("bond0", "10.0.0.2/24")
            .build();
    BondBridgeNodeSpec spec =
        spec(bond("bond0", BondMode.ACTIVE_BACKUP, "eth0", "eth1"), null, NodeIpv4.inherit());

    assertThat(Planner.plan(spec, host, OWNER).isEmpty()).isTrue();
  }

  @Test
  void aModeChangeOnALiveBondTakesItDownAndEmptiesItFirst() {
    HostState host =
        TestHosts.host()
            .nic("eth0", "52:54:00:00:00:00")
            .nic("eth1", "52:54:00:00:00:01")
            .bond("bond0", OWNER.mark(), true, TestHosts.activeBackupOptions())
            .enslave("eth0", "bond0")
            .enslave("eth1", "bond0")
            .build();
    BondBridgeNodeSpec spec =
        spec(bond("bond0", BondMode.BALANCE_XOR, "eth0", "eth1"), null, NodeIpv4.none());

    Plan plan = Planner.plan(spec, host, OWNER);

    assertThat(commands(plan))
        .containsExactly(
            "ip link set dev bond0 down",
            "ip link set dev eth0 nomaster",
            "ip link set dev eth1 nomaster",
            "ip link set dev bond0 type bond mode balance-xor",
            // released ports were closed by the kernel, so no "down" is needed before enslaving
            "ip link set dev eth0 master bond0",
            "ip link set dev bond0 up",
            "ip link set dev eth1 master bond0");
    assertThat(((LinkStep.SetBondOptions) plan.steps().get(3)).previous())
        .containsEntry("mode", "active-backup");
  }

  @Test
  void aModeChangeOnABondCarryingTheDefaultRoutePutsTheRouteBackOnceTheBondIsUp() {
    // Found on the real kernel (LiveChangesKernelIT): "ip link set bond0 down" drops the routes
    // via bond0, so without this the node lost its default route until the next reconcile.
    Route defaultViaBond = Route.of("default", "10.0.0.1", "bond0").withProtocol("static");
    HostState host =
        TestHosts.host()
            .nic("eth0", "52:54:00:00:00:00")
            .nic("eth1", "52:54:00:00:00:01")
            .bond("bond0", OWNER.mark(), true, TestHosts.activeBackupOptions())
            .enslave("eth0", "bond0")
            .enslave("eth1", "bond0")
            .address("bond0", "10.0.0.88/24")
            .route(defaultViaBond)
            .build();
    BondBridgeNodeSpec spec =
        spec(
            bond("bond0", BondMode.BALANCE_XOR, "eth0", "eth1"),
            null,
            new NodeIpv4(Ipv4Mode.STATIC, "10.0.0.88/24", "10.0.0.1", null, null));

    Plan plan = Planner.plan(spec, host, OWNER);

    assertThat(commands(plan))
        .containsExactly(
            "ip route del default via 10.0.0.1 dev bond0 proto static",
            "ip link set dev bond0 down",
            "ip link set dev eth0 nomaster",
            "ip link set dev eth1 nomaster",
            "ip link set dev bond0 type bond mode balance-xor",
            "ip link set dev eth0 master bond0",
            "ip link set dev bond0 up",
            "ip route add default via 10.0.0.1 dev bond0 proto static",
            "ip link set dev eth1 master bond0");
  }

  @Test
  void aChangedGatewayReplacesTheOldDefaultRouteInsteadOfFailingWithFileExists() {
    HostState host =
        TestHosts.host()
            .nic("eth0", "52:54:00:00:00:00")
            .bond("bond0", OWNER.mark(), true, TestHosts.activeBackupOptions())
            .enslave("eth0", "bond0")
            .address("bond0", "10.0.0.88/24")
            .route(Route.of("default", "10.0.0.1", "bond0").withProtocol("static"))
            .route(Route.of("10.0.0.0/24", null, "bond0").withProtocol("kernel"))
            .build();
    BondBridgeNodeSpec spec =
        spec(
            bond("bond0", BondMode.ACTIVE_BACKUP, "eth0"),
            null,
            new NodeIpv4(Ipv4Mode.STATIC, "10.0.0.88/24", "10.0.0.254", null, null));

    Plan plan = Planner.plan(spec, host, OWNER);

    assertThat(commands(plan))
        .containsExactly(
            "ip route del default via 10.0.0.1 dev bond0 proto static",
            "ip route add default via 10.0.0.254 dev bond0 proto static");
    assertThat(io.bondbridge.agent.apply.Applier.undoOf(plan.steps()).stream().map(Step::describe))
        .containsExactly(
            "ip route del default via 10.0.0.254 dev bond0 proto static",
            "ip route add default via 10.0.0.1 dev bond0 proto static");
  }

  @Test
  void aRouteWithAnotherMetricIsNotReplaced() {
    assertThat(
            RouteSteps.takesThePlaceOf(
                Route.of("default", "10.0.0.254", "bond0"),
                Route.of("default", "10.0.0.1", "bond0").withMetric(100)))
        .isFalse();
    assertThat(
            RouteSteps.takesThePlaceOf(
                Route.of("default", "fd00::1", "bond0"), Route.of("default", "10.0.0.1", "bond0")))
        .as("the other family's default route")
        .isFalse();
    assertThat(
            RouteSteps.takesThePlaceOf(
                Route.of("default", "fd00::1", "bond0"),
                Route.of("default", "fd00::fe", "bond0").withMetric(1024)))
        .isTrue();
  }

  @Test
  void aLiveOptionChangeIsOneCommandThatRemembersTheOldValue() {
    HostState host =
        TestHosts.host()
            .nic("eth0", "52:54:00:00:00:00")
            .bond("bond0", OWNER.mark(), true, TestHosts.activeBackupOptions())
            .enslave("eth0", "bond0")
            .build();
    BondOptions options =
        new BondOptions(
            200, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null, null);
    Bond bond =
        new Bond(
            "bond0",
            BondMode.ACTIVE_BACKUP,
            List.of(PortSelector.byName("eth0")),
            null,
            options,
            null);

    Plan plan = Planner.plan(spec(bond, null, NodeIpv4.none()), host, OWNER);

    assertThat(plan.steps())
        .containsExactly(
            new LinkStep.SetBondOptions("bond0", Map.of("miimon", "200"), Map.of("miimon", "100")));
  }

  @Test
  void aRemovedPortIsReleasedAndSetUpAgain() {
    HostState host =
        TestHosts.host()
            .nic("eth0", "52:54:00:00:00:00")
            .nic("eth1", "52:54:00:00:00:01")
            .bond("bond0", OWNER.mark(), true, TestHosts.activeBackupOptions())
            .enslave("eth0", "bond0")
            .enslave("eth1", "bond0")
            .build();
    BondBridgeNodeSpec spec =
        spec(bond("bond0", BondMode.ACTIVE_BACKUP, "eth0"), null, NodeIpv4.none());

    assertThat(commands(Planner.plan(spec, host, OWNER)))
        .containsExactly("ip link set dev eth1 nomaster", "ip link set dev eth1 up");
  }

  @Test
  void aForeignDeviceWithOurNameIsRefused() {
    HostState host =
        TestHosts.host()
            .nic("eth0", "52:54:00:00:00:00")
            .bond("bond0", null, true, TestHosts.activeBackupOptions())
            .build();
    BondBridgeNodeSpec spec =
        spec(bond("bond0", BondMode.ACTIVE_BACKUP, "eth0"), null, NodeIpv4.none());

    Plan plan = Planner.plan(spec, host, OWNER);

    assertThat(plan.steps()).isEmpty();
    assertThat(plan.refusals())
        .containsExactly(
            "bond0 already exists and was not created by BondBridge (no 'bondbridge:vm-uplink'"
                + " alias); BondBridge does not take over a device it did not create; the only bond"
                + " it replaces is the empty bond0 that loading bonding leaves, and bond0 is not"
                + " that one: it is up, mode active-backup (the module's is balance-rr), miimon"
                + " 100 (the module's is 0); to take it over as it is, without a flap, set"
                + " spec.adopt: true (the CLI: --adopt)");
  }

  @Test
  void anEmptyDownBondMadeByHandUnderAnotherNameIsRefused() {
    // ip link add bond3 type bond: as empty and down as the module's bond0, but someone made it
    HostState host =
        TestHosts.host()
            .nic("eth0", "52:54:00:00:00:00")
            .bond("bond3", null, false, moduleBond0Options())
            .build();
    BondBridgeNodeSpec spec =
        spec(bond("bond3", BondMode.ACTIVE_BACKUP, "eth0"), null, NodeIpv4.none());

    Plan plan = Planner.plan(spec, host, OWNER);

    assertThat(plan.steps()).isEmpty();
    assertThat(plan.refusals())
        .containsExactly(
            "bond3 already exists and was not created by BondBridge (no 'bondbridge:vm-uplink'"
                + " alias); BondBridge does not take over a device it did not create; the only bond"
                + " it replaces is the empty bond0 that loading bonding leaves, and bond3 is not"
                + " that one: it is named bond3, not bond0; to take it over as it is, without a"
                + " flap, set spec.adopt: true (the CLI: --adopt)");
  }

  /** A bond0 that differs from the module's in one thing each: someone made or touched it. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("bond0sThatAreNotTheModules")
  void aBond0ThatDiffersFromTheModulesIsRefused(String difference, TestHosts host) {
    BondBridgeNodeSpec spec =
        spec(bond("bond0", BondMode.ACTIVE_BACKUP, "eth0"), null, NodeIpv4.none());

    Plan plan = Planner.plan(spec, host.build(), OWNER);

    assertThat(plan.steps()).isEmpty();
    assertThat(plan.refusals())
        .singleElement()
        .asString()
        .endsWith(
            "is not that one: "
                + difference
                + "; to take it over as it is, without a flap, set spec.adopt: true (the CLI:"
                + " --adopt)");
  }

  static Stream<Arguments> bond0sThatAreNotTheModules() {
    Map<String, String> miimon = new HashMap<>(moduleBond0Options());
    miimon.put("miimon", "100");
    return Stream.of(
        Arguments.of(
            "miimon 100 (the module's is 0)", moduleBond0Host().bond("bond0", null, false, miimon)),
        Arguments.of("it is up", moduleBond0Host().bond("bond0", null, true, moduleBond0Options())),
        Arguments.of(
            "it has ports eth1",
            moduleBond0Host()
                .bond("bond0", null, false, moduleBond0Options())
                .enslave("eth1", "bond0")),
        Arguments.of(
            "it has addresses 10.9.0.1/24",
            moduleBond0Host()
                .bond("bond0", null, false, moduleBond0Options())
                .address("bond0", "10.9.0.1/24")),
        Arguments.of(
            "it has the alias 'uplink'",
            moduleBond0Host().bond("bond0", "uplink", false, moduleBond0Options())));
  }

  @Test
  void theBond0OfAModuleLoadedWithoutMaxBondsAsTheKernelReportsItIsReplaced() {
    HostState host = moduleBond0Host().bond("bond0", null, false, moduleBond0Options()).build();
    BondBridgeNodeSpec spec =
        spec(bond("bond0", BondMode.ACTIVE_BACKUP, "eth0"), null, NodeIpv4.none());

    assertThat(commands(Planner.plan(spec, host, OWNER))).startsWith("ip link del dev bond0");
  }

  private static TestHosts moduleBond0Host() {
    return TestHosts.host().nic("eth0", "52:54:00:00:00:00").nic("eth1", "52:54:00:00:00:01");
  }

  /**
   * The options of the bond0 that {@code modprobe bonding max_bonds=1} made on kernel 6.1, captured
   * in the VM (fixtures/module-bond0-sysfs.txt: one name=value line per file of
   * /sys/class/net/bond0/bonding), read by the observer's own parser.
   */
  private static Map<String, String> moduleBond0Options() {
    try (var in = PlannerTest.class.getResourceAsStream("/fixtures/module-bond0-sysfs.txt")) {
      Map<String, String> files = new HashMap<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        int eq = line.indexOf('=');
        files.put(line.substring(0, eq), line.substring(eq + 1) + "\n");
      }
      return SysfsBonding.options(files);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void aDeviceOfAnotherBondBridgeIsRefusedByName() {
    HostState host =
        TestHosts.host()
            .nic("eth0", "52:54:00:00:00:00")
            .bond("bond0", "bondbridge:storage", true, TestHosts.activeBackupOptions())
            .build();
    BondBridgeNodeSpec spec =
        spec(bond("bond0", BondMode.ACTIVE_BACKUP, "eth0"), null, NodeIpv4.none());

    assertThat(Planner.plan(spec, host, OWNER).refusals())
        .containsExactly("bond0 belongs to BondBridge storage");
  }

  @Test
  void theStrayBond0OfAModuleLoadedWithoutMaxBondsIsReplaced() {
    HostState host =
        TestHosts.host()
            .nic("eth0", "52:54:00:00:00:00")
            .bond("bond0", null, false, Map.of("mode", "balance-rr"))
            .build();
    BondBridgeNodeSpec spec =
        spec(bond("bond0", BondMode.ACTIVE_BACKUP, "eth0"), null, NodeIpv4.none());

    List<String> commands = commands(Planner.plan(spec, host, OWNER));

    assertThat(commands.subList(0, 3))
        .containsExactly(
            "ip link del dev bond0",
            "ip link add name bond0 type bond mode active-backup miimon 100",
            "ip link set dev bond0 alias bondbridge:vm-uplink");
  }

  @Test
  void portsOfOtherMastersMissingNicsAndDoubleClaimsAreRefused() {
    HostState host =
        TestHosts.host()
            .nic("eth0", "52:54:00:00:00:00")
            .nic("eth1", "52:54:00:00:00:01")
            .link(
                Link.named("br9").index(9).kind("bridge").mac("52:54:00:00:00:09").up(true).build())
            .enslave("eth1", "br9")
            .build();
    Bond bond =
        new Bond(
            "bond0",
            BondMode.ACTIVE_BACKUP,
            List.of(
                PortSelector.byName("eth0"),
                PortSelector.byName("eth1"),
                PortSelector.byName("eth7"),
                new PortSelector(null, null, "eth0*", null),
                new PortSelector(null, null, null, "ixgbe")),
            null,
            null,
            null);

    Plan plan = Planner.plan(spec(bond, null, NodeIpv4.none()), host, OWNER);

    assertThat(plan.steps()).isEmpty();
    assertThat(plan.refusals())
        .containsExactly(
            "eth1 is enslaved to br9; BondBridge never takes a port from another master",
            "ports[2] (name eth7): no interface eth7 on this node",
            "eth0 is selected by both ports[0] and ports[3]",
            "ports[4] (driver ixgbe) matches no NIC on this node");
  }

  @Test
  void portsAreFoundByPatternMacAndDriver() {
    HostState host =
        TestHosts.host()
            .nic("enp1s0f0", "00:15:17:aa:bb:00")
            .nic("enp1s0f1", "00:15:17:aa:bb:01")
            .nic("eno1", "00:15:17:aa:bb:02")
            .build();
    Bond bond =
        new Bond(
            "bond0",
            BondMode.IEEE_802_3AD,
            List.of(
                new PortSelector(null, null, "enp*s0f[01]", "e1000e"),
                new PortSelector(null, "00:15:17:AA:BB:02", null, null)),
            null,
            null,
            null);

    List<String> commands = commands(Planner.plan(spec(bond, null, NodeIpv4.none()), host, OWNER));

    assertThat(commands)
        .contains(
            "ip link set dev enp1s0f0 master bond0",
            "ip link set dev enp1s0f1 master bond0",
            "ip link set dev eno1 master bond0");
  }

  @Test
  void aSpecThatWouldDropTheDefaultRouteIsRefused() {
    HostState host = nodeWithNics(2).build();

    Plan none =
        Planner.plan(
            spec(bond("bond0", BondMode.ACTIVE_BACKUP, "eth0", "eth1"), null, NodeIpv4.none()),
            host,
            OWNER);
    Plan staticWithoutGateway =
        Planner.plan(
            spec(
                bond("bond0", BondMode.ACTIVE_BACKUP, "eth0", "eth1"),
                null,
                new NodeIpv4(Ipv4Mode.STATIC, "10.0.0.9/24", null, null, null)),
            host,
            OWNER);

    assertThat(none.refusals())
        .containsExactly(
            "eth0 carries the default route (via 10.0.0.1) and ipv4.mode none would leave the node"
                + " without it; use ipv4.mode inherit, or static with a gateway");
    assertThat(staticWithoutGateway.isRefused()).isTrue();
  }

  @Test
  void inheritingADhcpLeaseIsRefused() {
    HostState host =
        TestHosts.host().nic("eth0", "52:54:00:00:00:00").lease("eth0", "10.0.0.7/24").build();

    Plan plan =
        Planner.plan(
            spec(bond("bond0", BondMode.ACTIVE_BACKUP, "eth0"), null, NodeIpv4.inherit()),
            host,
            OWNER);

    assertThat(plan.refusals()).hasSize(1);
    assertThat(plan.refusals().get(0)).startsWith("10.0.0.7/24 on eth0 is a lease (DHCP)");
  }

  @Test
  void staticModeMovesTheDefaultRouteToTheGatewayOnTheTopInterface() {
    HostState host = nodeWithNics(1).build();
    BondBridgeNodeSpec spec =
        spec(
            bond("bond0", BondMode.ACTIVE_BACKUP, "eth0"),
            null,
            new NodeIpv4(Ipv4Mode.STATIC, "10.0.0.9/24", "10.0.0.1", null, null));

    List<String> commands = commands(Planner.plan(spec, host, OWNER));

    assertThat(commands)
        .containsSubsequence(
            "ip route del default via 10.0.0.1 dev eth0 proto boot",
            "ip link set dev eth0 master bond0",
            "ip addr add 10.0.0.9/24 dev bond0",
            "ip addr del 10.0.0.2/24 dev eth0",
            "ip route add default via 10.0.0.1 dev bond0 proto static");
  }

  @Test
  void everyStepOfAPlanHasAnUndoThatRestoresTheOldValues() {
    HostState host = nodeWithNics(2).build();
    BondBridgeNodeSpec spec =
        spec(
            bond("bond0", BondMode.ACTIVE_BACKUP, "eth0", "eth1"),
            Bridge.named("br0"),
            NodeIpv4.inherit());
    Plan plan = Planner.plan(spec, host, OWNER);

    List<String> undo =
        io.bondbridge.agent.apply.Applier.undoOf(plan.steps()).stream()
            .map(Step::describe)
            .toList();

    assertThat(undo)
        .containsSubsequence(
            "ip link set dev eth1 nomaster",
            "ip link set dev eth1 up",
            "ip route del default via 10.0.0.1 dev br0 proto boot",
            "ip addr add 10.0.0.2/24 dev eth0",
            "ip addr del 10.0.0.2/24 dev br0",
            "ip link set dev eth0 nomaster",
            "ip link set dev eth0 up",
            "ip route add default via 10.0.0.1 dev eth0 proto boot",
            "ip link del dev br0",
            "ip link del dev bond0");
    assertThat(DEFAULT_ETH0.isDefault()).isTrue();
  }

  @Test
  void undoBringsBackARemovedVlanAndItsBridgeWithOptionsMtuAndPort() {
    HostState host = TestHosts.bondWithBridgedVlan().build();
    BondBridgeNodeSpec spec =
        spec(bond("bond0", BondMode.ACTIVE_BACKUP, "eth0", "eth1"), null, NodeIpv4.none());

    Plan plan = Planner.plan(spec, host, OWNER);

    assertThat(commands(plan))
        .containsExactly(
            "ip addr del 192.168.10.1/24 dev br10",
            "ip link del dev br10",
            "ip link del dev bond0.10");
    assertThat(recreateOf(plan, "br10"))
        .containsExactly(
            "ip link add name br10 type bridge stp_state 1 forward_delay 400 vlan_filtering 0",
            "ip link set dev br10 alias bondbridge:vm-uplink",
            "ip link set dev br10 up",
            // no MTU step: br10's 1400 is its port's, which the kernel gives it when it rejoins
            "ip link set dev bond0.10 master br10");
    assertThat(recreateOf(plan, "bond0.10"))
        .containsExactly(
            "ip link add link bond0 name bond0.10 type vlan id 10",
            "ip link set dev bond0.10 alias bondbridge:vm-uplink",
            "ip link set dev bond0.10 mtu 1400",
            "ip link set dev bond0.10 up");
    // the whole walk back: the VLAN first, so that it exists when the bridge takes it back
    assertThat(
            io.bondbridge.agent.apply.Applier.undoOf(plan.steps()).stream()
                .map(Step::describe)
                .toList())
        .containsSubsequence(
            "ip link add link bond0 name bond0.10 type vlan id 10",
            "ip link add name br10 type bridge stp_state 1 forward_delay 400 vlan_filtering 0",
            "ip link set dev bond0.10 master br10",
            "ip addr add 192.168.10.1/24 dev br10");
  }

  @Test
  void undoOfAVlanWhoseIdChangedPutsItBackInItsBridge() {
    HostState host = TestHosts.bondWithBridgedVlan().build();
    var vlan =
        new NodeVlan(
            11,
            "bond0.10",
            1400,
            new Bridge("br10", true, 4, false, null),
            new NodeIpv4(Ipv4Mode.STATIC, "192.168.10.1/24", null, null, null),
            null);
    BondBridgeNodeSpec spec =
        spec(bond("bond0", BondMode.ACTIVE_BACKUP, "eth0", "eth1"), null, NodeIpv4.none(), vlan);

    Plan plan = Planner.plan(spec, host, OWNER);

    assertThat(recreateOf(plan, "bond0.10"))
        .containsExactly(
            "ip link add link bond0 name bond0.10 type vlan id 10",
            "ip link set dev bond0.10 alias bondbridge:vm-uplink",
            "ip link set dev bond0.10 mtu 1400",
            "ip link set dev bond0.10 up",
            "ip link set dev bond0.10 master br10");
  }
}
