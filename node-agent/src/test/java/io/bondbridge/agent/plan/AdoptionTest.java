package io.bondbridge.agent.plan;

import static io.bondbridge.agent.plan.TestHosts.OWNER;
import static io.bondbridge.agent.plan.TestHosts.bond;
import static io.bondbridge.agent.plan.TestHosts.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.host.BondState;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Link;
import io.bondbridge.agent.host.Route;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpecBuilder;
import io.bondbridge.api.v1alpha1.BondMode;
import io.bondbridge.api.v1alpha1.Bridge;
import io.bondbridge.api.v1alpha1.NodeIpv4;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * spec.adopt on a host whose bond0 (eth0, eth1) and br0 with the node's address were made by hand,
 * the way ifupdown makes them from seed 000's stanzas: the same devices as BondBridge would make,
 * without its mark.
 */
class AdoptionTest {

  /**
   * The host as BondBridge leaves it after applying {@link #spec}: bond0 in br0, address on br0.
   */
  private static HostState applied() {
    return TestHosts.host()
        .nic("eth0", "52:54:00:00:00:00")
        .nic("eth1", "52:54:00:00:00:01")
        .bond("bond0", OWNER.mark(), true, TestHosts.activeBackupOptions())
        .enslave("eth0", "bond0")
        .enslave("eth1", "bond0")
        .bridge("br0", 1500, BridgeSteps.options(Bridge.named("br0")))
        .enslave("bond0", "br0")
        .address("br0", "10.0.0.2/24")
        .route(
            Route.of("10.0.0.0/24", null, "br0")
                .withProtocol("kernel")
                .withScope("link")
                .withSource("10.0.0.2"))
        .route(Route.of("default", "10.0.0.1", "br0").withProtocol("boot"))
        .build();
  }

  /** The same host, its devices made by hand: no alias. */
  private static HostState handMade() {
    return withAliases(applied(), Map.of("bond0", "", "br0", ""));
  }

  private static HostState withAliases(HostState host, Map<String, String> aliases) {
    Map<String, Link> links = new LinkedHashMap<>(host.links());
    aliases.forEach(
        (name, alias) ->
            links.put(name, links.get(name).withAlias(alias.isEmpty() ? null : alias)));
    return host.withLinks(links);
  }

  private static BondBridgeNodeSpec spec(boolean adopt) {
    BondBridgeNodeSpec spec =
        TestHosts.spec(
            bond("bond0", BondMode.ACTIVE_BACKUP, "eth0", "eth1"),
            Bridge.named("br0"),
            NodeIpv4.inherit());
    return new BondBridgeNodeSpecBuilder(spec).withAdopt(adopt).build();
  }

  private static List<String> commands(Plan plan) {
    assertThat(plan.isRefused()).as(String.join("; ", plan.refusals())).isFalse();
    return plan.steps().stream().map(Step::describe).toList();
  }

  @Test
  void matchingHandMadeDevicesGetTheMarkAndNothingElse() {
    assertThat(commands(Planner.plan(spec(true), applied(), OWNER)))
        .as("ours: converged")
        .isEmpty();

    Plan plan = Planner.plan(spec(true), handMade(), OWNER);

    assertThat(commands(plan))
        .containsExactly(
            "ip link set dev bond0 alias bondbridge:vm-uplink",
            "ip link set dev br0 alias bondbridge:vm-uplink");
    // undone, the alias goes again (an empty alias is none)
    assertThat(plan.steps().get(0).undo())
        .containsExactly(new LinkStep.SetAlias("bond0", "", "bondbridge:vm-uplink"));
  }

  @Test
  void withoutAdoptTheyAreRefusedAndTheRefusalSaysHowToAdopt() {
    Plan plan = Planner.plan(spec(false), handMade(), OWNER);

    assertThat(plan.steps()).isEmpty();
    assertThat(plan.refusals())
        .contains(
            "br0 already exists and was not created by BondBridge (no 'bondbridge:vm-uplink'"
                + " alias); BondBridge does not take over a device it did not create; to take it"
                + " over as it is, without a flap, set spec.adopt: true (the CLI: --adopt)");
  }

  @Test
  void aBridgeWithoutStpKeepsItsForwardDelayUntilStpGoesOn() {
    // made by hand with forward_delay 0: without STP the delay has no effect (ports forward at
    // once), so adopting it changes nothing; turning STP on sets the spec's delay with it
    HostState host = handMade();
    Map<String, Link> links = new LinkedHashMap<>(host.links());
    Map<String, String> zero = new HashMap<>(links.get("br0").kindData());
    zero.put("forward_delay", "0");
    links.put("br0", links.get("br0").toBuilder().kindData(zero).build());
    host = host.withLinks(links);

    assertThat(spec(true).bridge().forwardDelay()).as("the CRD's default").isEqualTo(15);
    assertThat(commands(Planner.plan(spec(true), host, OWNER)))
        .containsExactly(
            "ip link set dev bond0 alias bondbridge:vm-uplink",
            "ip link set dev br0 alias bondbridge:vm-uplink");
    BondBridgeNodeSpec stp =
        new BondBridgeNodeSpecBuilder(spec(true))
            .withBridge(new Bridge("br0", true, 15, null, null))
            .build();
    assertThat(commands(Planner.plan(stp, host, OWNER)))
        .contains("ip link set dev br0 type bridge stp_state 1 forward_delay 1500");
  }

  @Test
  void whatDiffersFromTheSpecIsPlannedAfterTheMark() {
    HostState host = handMade();
    Map<String, String> options = new HashMap<>(TestHosts.activeBackupOptions());
    options.put("miimon", "200"); // the stanza said bond-miimon 200; the spec wants 100
    host =
        host.withBonds(
            Map.of(
                "bond0", new BondState("bond0", "active-backup", options, null, "up", List.of())));

    List<String> commands = commands(Planner.plan(spec(true), host, OWNER));

    assertThat(commands.subList(0, 2))
        .containsExactly(
            "ip link set dev bond0 alias bondbridge:vm-uplink",
            "ip link set dev br0 alias bondbridge:vm-uplink");
    assertThat(commands).contains("ip link set dev bond0 type bond miimon 100");
  }

  @Test
  void aDeviceOfAnotherKindOrAnotherBondBridgesIsNeverAdopted() {
    HostState vlanNamedBr0 =
        TestHosts.host()
            .nic("eth0", "52:54:00:00:00:00")
            .nic("eth1", "52:54:00:00:00:01")
            .address("eth0", "10.0.0.2/24")
            .route(Route.of("default", "10.0.0.1", "eth0").withProtocol("boot"))
            .link(
                Link.named("br0")
                    .index(9)
                    .kind("vlan")
                    .mac("52:54:00:00:00:00")
                    .up(true)
                    .vlan("eth1", 5)
                    .build())
            .build();
    assertThat(Planner.plan(spec(true), vlanNamedBr0, OWNER).refusals())
        .anyMatch(
            r ->
                r.startsWith("br0 already exists")
                    && r.endsWith(
                        "adopt takes over only a device of the kind the spec names, and br0 is a"
                            + " vlan, not a bridge"));

    HostState theirs = withAliases(applied(), Map.of("bond0", "bondbridge:other", "br0", ""));
    assertThat(Planner.plan(spec(true), theirs, OWNER).refusals())
        .contains("bond0 belongs to BondBridge other");
  }
}
