package io.bondbridge.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.api.v1alpha1.Bond;
import io.bondbridge.api.v1alpha1.BondBridgeSpec;
import io.bondbridge.api.v1alpha1.BondMode;
import io.bondbridge.api.v1alpha1.Bridge;
import io.bondbridge.api.v1alpha1.PortSelector;
import io.bondbridge.api.v1alpha1.Vlan;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConflictsTest {
  private static final ClusterNode NODE = new ClusterNode("n", Map.of("x", "y"));

  private static BondBridgeSpec spec(
      String bond, String bridge, List<Vlan> vlans, String... ports) {
    return new BondBridgeSpec(
        null,
        new Bond(
            bond,
            BondMode.ACTIVE_BACKUP,
            Arrays.stream(ports).map(PortSelector::byName).toList(),
            null,
            null,
            null),
        vlans,
        bridge == null ? null : Bridge.named(bridge),
        null,
        null,
        null,
        null,
        null,
        null);
  }

  private static Policy policy(String name, int second, BondBridgeSpec spec) {
    return new Policy(name, Instant.ofEpochSecond(second), spec);
  }

  @Test
  void claimsCoverBondPortsVlanInterfacesAndBridges() {
    BondBridgeSpec s =
        spec(
            "bond0",
            "br0",
            List.of(new Vlan(10, null, null, Bridge.named("br10"), null, null)),
            "eth0",
            "eth1");
    assertThat(Conflicts.claims(s))
        .containsExactlyInAnyOrder("bond0", "br0", "bond0.10", "br10", "eth0", "eth1");
  }

  @Test
  void theOlderKeepsTheNodeAndTheNewerIsToldWhoAndWhy() {
    Policy old = policy("z-old", 1, spec("bond0", null, null, "eth0"));
    Policy young = policy("a-young", 2, spec("bond1", null, null, "eth0", "eth1"));
    List<Policy> all = List.of(young, old);
    assertThat(Conflicts.lostTo(old, NODE, all)).isEmpty();
    var conflict = Conflicts.lostTo(young, NODE, all).orElseThrow();
    assertThat(conflict.heldBy()).isEqualTo("z-old");
    assertThat(conflict.node()).isEqualTo("n");
    assertThat(conflict.names()).containsExactly("eth0");
  }

  @Test
  void sameSecondFallsBackToTheName() {
    Policy a = policy("a", 5, spec("bond0", null, null, "eth0"));
    Policy b = policy("b", 5, spec("bond0", null, null, "eth2"));
    assertThat(Conflicts.lostTo(a, NODE, List.of(a, b))).isEmpty();
    assertThat(Conflicts.lostTo(b, NODE, List.of(a, b)))
        .map(Conflicts.Conflict::names)
        .contains(java.util.Set.of("bond0"));
  }

  @Test
  void noOverlapOrNotSelectingMeansNoConflictAndOnlyHoldersCount() {
    Policy a = policy("a", 1, spec("bond0", null, null, "eth0"));
    Policy b = policy("b", 2, spec("bond1", null, null, "eth0", "eth2"));
    Policy c = policy("c", 3, spec("bond2", null, null, "eth2"));
    // b loses to a, so it does not hold the node: c (overlapping only b) keeps it
    assertThat(Conflicts.lostTo(c, NODE, List.of(a, b, c))).isEmpty();
    Policy elsewhere =
        new Policy(
            "d",
            Instant.ofEpochSecond(0),
            new BondBridgeSpec(
                new io.fabric8.kubernetes.api.model.LabelSelectorBuilder()
                    .withMatchLabels(Map.of("x", "other"))
                    .build(),
                a.spec().bond(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null));
    assertThat(Conflicts.lostTo(a, NODE, List.of(a, elsewhere))).isEmpty();
  }
}
