package io.bondbridge.agent.plan;

import static io.bondbridge.agent.plan.TestHosts.OWNER;
import static io.bondbridge.agent.plan.TestHosts.bond;
import static io.bondbridge.agent.plan.TestHosts.recreateOf;
import static io.bondbridge.agent.plan.TestHosts.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.apply.Applier;
import io.bondbridge.agent.host.BondPort;
import io.bondbridge.agent.host.BondState;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Link;
import io.bondbridge.agent.host.Route;
import io.bondbridge.api.v1alpha1.BondMode;
import io.bondbridge.api.v1alpha1.Bridge;
import io.bondbridge.api.v1alpha1.Ipv4Mode;
import io.bondbridge.api.v1alpha1.NodeIpv4;
import io.bondbridge.api.v1alpha1.NodeVlan;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TeardownTest {
  private static final Route DEFAULT_BOND0 =
      Route.of("default", "10.0.0.1", "bond0").withProtocol("boot");

  private static HostState bondedNode(String foreignAlias) {
    return TestHosts.host()
        .nic("eth0", "52:54:00:00:00:00")
        .nic("eth1", "52:54:00:00:00:01")
        .bond("bond0", foreignAlias, true, TestHosts.activeBackupOptions())
        .enslave("eth0", "bond0")
        .enslave("eth1", "bond0")
        .address("bond0", "10.0.0.2/24")
        .route(DEFAULT_BOND0)
        .build();
  }

  private static List<String> commands(Plan plan) {
    return plan.steps().stream().map(Step::describe).toList();
  }

  @Test
  void givesInheritedAddressesAndRoutesBackToThePortTheyCameFrom() {
    Origins origins =
        Origins.none()
            .plus(
                List.of(
                    new RouteStep.DelRoute(
                        Route.of("default", "10.0.0.1", "eth1").withProtocol("boot")),
                    new AddressStep.DelAddress("eth1", "10.0.0.2/24")),
                Set.of("eth0", "eth1"));

    Plan plan =
        Teardown.plan(
            spec(bond("bond0", BondMode.ACTIVE_BACKUP, "eth0", "eth1"), null, NodeIpv4.inherit()),
            bondedNode(OWNER.mark()),
            OWNER,
            origins);

    assertThat(commands(plan))
        .containsExactly(
            "ip route del default via 10.0.0.1 dev bond0 proto boot",
            "ip link set dev eth1 nomaster",
            "ip link set dev eth1 up",
            "ip addr add 10.0.0.2/24 dev eth1",
            "ip addr del 10.0.0.2/24 dev bond0",
            "ip route add default via 10.0.0.1 dev eth1 proto boot",
            "ip link set dev eth0 nomaster",
            "ip link set dev eth0 up",
            "ip link del dev bond0");
  }

  @Test
  void theAddressMoveBackFromTheRoutesLeavingTheBondToTheRoutesOnThePortIsOneWrite() {
    Origins origins =
        Origins.none()
            .plus(
                List.of(
                    new RouteStep.DelRoute(
                        Route.of("default", "10.0.0.1", "eth1").withProtocol("boot")),
                    new AddressStep.DelAddress("eth1", "10.0.0.2/24")),
                Set.of("eth0", "eth1"));

    Plan plan =
        Teardown.plan(
            spec(bond("bond0", BondMode.ACTIVE_BACKUP, "eth0", "eth1"), null, NodeIpv4.inherit()),
            bondedNode(OWNER.mark()),
            OWNER,
            origins);

    assertThat(plan.writes().stream().map(w -> w.stream().map(Step::describe).toList()))
        .containsExactly(
            List.of(
                "ip route del default via 10.0.0.1 dev bond0 proto boot",
                "ip link set dev eth1 nomaster",
                "ip link set dev eth1 up",
                "ip addr add 10.0.0.2/24 dev eth1",
                "ip addr del 10.0.0.2/24 dev bond0",
                "ip route add default via 10.0.0.1 dev eth1 proto boot"),
            List.of("ip link set dev eth0 nomaster"),
            List.of("ip link set dev eth0 up"),
            List.of("ip link del dev bond0"));
  }

  @Test
  void withoutARecordTheAddressesGoToThePrimaryPort() {
    var bond =
        new io.bondbridge.api.v1alpha1.Bond(
            "bond0",
            BondMode.ACTIVE_BACKUP,
            List.of(
                io.bondbridge.api.v1alpha1.PortSelector.byName("eth0"),
                io.bondbridge.api.v1alpha1.PortSelector.byName("eth1")),
            "eth1",
            null,
            null);

    Plan plan =
        Teardown.plan(spec(bond, null, NodeIpv4.inherit()), bondedNode(OWNER.mark()), OWNER);

    assertThat(commands(plan)).contains("ip addr add 10.0.0.2/24 dev eth1");
  }

  @Test
  void withStaticAddressesThePortsGetTheirOwnAddressesAndRoutesBack() {
    HostState host =
        TestHosts.host()
            .nic("eth0", "52:54:00:00:00:00")
            .nic("eth1", "52:54:00:00:00:01")
            .bond("bond0", OWNER.mark(), true, TestHosts.activeBackupOptions())
            .enslave("eth0", "bond0")
            .enslave("eth1", "bond0")
            .address("bond0", "10.0.0.88/24")
            .route(Route.of("default", "10.0.0.1", "bond0").withProtocol("static"))
            .build();
    Origins origins =
        Origins.none()
            .plus(
                List.of(
                    new RouteStep.DelRoute(
                        Route.of("default", "10.0.0.1", "eth0").withProtocol("boot")),
                    new AddressStep.DelAddress("eth0", "10.0.0.2/24")),
                Set.of("eth0", "eth1"));
    var staticIpv4 =
        new NodeIpv4(
            io.bondbridge.api.v1alpha1.Ipv4Mode.STATIC, "10.0.0.88/24", "10.0.0.1", null, null);

    Plan plan =
        Teardown.plan(
            spec(bond("bond0", BondMode.ACTIVE_BACKUP, "eth0", "eth1"), null, staticIpv4),
            host,
            OWNER,
            origins);

    // eth1 goes first although eth0 gets the address: ports leave last enslaved first (see
    // portsLeaveTheBondLastEnslavedFirst)
    assertThat(commands(plan))
        .containsExactly(
            "ip route del default via 10.0.0.1 dev bond0 proto static",
            "ip link set dev eth1 nomaster",
            "ip link set dev eth1 up",
            "ip link set dev eth0 nomaster",
            "ip link set dev eth0 up",
            "ip addr del 10.0.0.88/24 dev bond0",
            "ip addr add 10.0.0.2/24 dev eth0",
            "ip route add default via 10.0.0.1 dev eth0 proto boot",
            "ip link del dev bond0");
  }

  @Test
  void portsLeaveTheBondLastEnslavedFirstSoThatARollbackPutsThemBackInTheKernelsOrder() {
    // the kernel lists eth1 first: it was enslaved first, bond0 has its MAC
    HostState host =
        TestHosts.host()
            .nic("eth0", "52:54:00:00:00:00")
            .nic("eth1", "52:54:00:00:00:01")
            .link(
                Link.named("bond0")
                    .index(9)
                    .kind("bond")
                    .mac("52:54:00:00:00:01")
                    .up(true)
                    .mtu(9000)
                    .alias(OWNER.mark())
                    .build())
            .bondState(
                new BondState(
                    "bond0",
                    "active-backup",
                    TestHosts.activeBackupOptions(),
                    "eth1",
                    "up",
                    List.of(port("eth1"), port("eth0"))))
            .enslave("eth0", "bond0")
            .enslave("eth1", "bond0")
            .address("bond0", "10.0.0.2/24")
            .build();
    var spec =
        spec(bond("bond0", BondMode.ACTIVE_BACKUP, "eth0", "eth1"), null, NodeIpv4.inherit());

    Plan plan = Teardown.plan(spec, host, OWNER);

    assertThat(commands(plan))
        .containsExactly(
            "ip link set dev eth0 nomaster",
            "ip link set dev eth0 up",
            "ip link set dev eth1 nomaster",
            "ip link set dev eth1 up",
            // without a record, the address goes to the port enslaved first
            "ip addr add 10.0.0.2/24 dev eth1",
            "ip addr del 10.0.0.2/24 dev bond0",
            "ip link del dev bond0");
    assertThat(Applier.undoOf(plan.steps()).stream().map(Step::describe))
        .containsSubsequence(
            "ip link add name bond0 type bond mode active-backup miimon 100",
            "ip link set dev bond0 mtu 9000",
            "ip link set dev bond0 up",
            "ip link set dev eth1 master bond0",
            "ip link set dev eth0 master bond0");
  }

  private static BondPort port(String name) {
    return new BondPort(name, "up", 0, null, null, null, null);
  }

  @Test
  void touchesNothingThatIsNotOurs() {
    Plan plan =
        Teardown.plan(
            spec(bond("bond0", BondMode.ACTIVE_BACKUP, "eth0", "eth1"), null, NodeIpv4.inherit()),
            bondedNode(null),
            OWNER);

    assertThat(plan.steps()).isEmpty();
  }

  @Test
  void originsRecordOnlyWhatLeftAPort() {
    Origins origins =
        Origins.none()
            .plus(
                List.of(
                    new AddressStep.DelAddress("br0", "10.0.0.9/24"),
                    new AddressStep.DelAddress("eth0", "10.0.0.2/24")),
                Set.of("eth0"));

    assertThat(origins.addresses()).isEqualTo(Map.of("10.0.0.2/24", "eth0"));
  }

  @Test
  void undoBringsBackAVlanAndItsBridgeWithOptionsMtuAndPort() {
    var vlan =
        new NodeVlan(
            10,
            "bond0.10",
            1400,
            new Bridge("br10", true, 4, false, null),
            new NodeIpv4(Ipv4Mode.STATIC, "192.168.10.1/24", null, null, null),
            null);

    Plan plan =
        Teardown.plan(
            spec(
                bond("bond0", BondMode.ACTIVE_BACKUP, "eth0", "eth1"), null, NodeIpv4.none(), vlan),
            TestHosts.bondWithBridgedVlan().build(),
            OWNER);

    assertThat(recreateOf(plan, "br10"))
        .containsExactly(
            "ip link add name br10 type bridge stp_state 1 forward_delay 400 vlan_filtering 0",
            "ip link set dev br10 alias bondbridge:vm-uplink",
            "ip link set dev br10 up",
            "ip link set dev bond0.10 master br10");
    assertThat(recreateOf(plan, "bond0.10"))
        .containsExactly(
            "ip link add link bond0 name bond0.10 type vlan id 10",
            "ip link set dev bond0.10 alias bondbridge:vm-uplink",
            "ip link set dev bond0.10 mtu 1400",
            "ip link set dev bond0.10 up");
  }

  @Test
  void undoBringsBackTheTopBridgeAsItWasNotAsTheSpecSaysNow() {
    // br0 as an older spec made it (STP on): a failed teardown must not leave it as today's spec
    HostState host =
        TestHosts.host()
            .nic("eth0", "52:54:00:00:00:00")
            .bond("bond0", OWNER.mark(), true, TestHosts.activeBackupOptions())
            .enslave("eth0", "bond0")
            .bridge(
                "br0",
                1500,
                Map.of("stp_state", "1", "forward_delay", "400", "vlan_filtering", "0"))
            .enslave("bond0", "br0")
            .build();

    Plan plan =
        Teardown.plan(
            spec(
                bond("bond0", BondMode.ACTIVE_BACKUP, "eth0"),
                Bridge.named("br0"),
                NodeIpv4.none()),
            host,
            OWNER);

    assertThat(recreateOf(plan, "br0"))
        .containsExactly(
            "ip link add name br0 type bridge stp_state 1 forward_delay 400 vlan_filtering 0",
            "ip link set dev br0 alias bondbridge:vm-uplink",
            "ip link set dev br0 up",
            "ip link set dev bond0 master br0");
  }
}
