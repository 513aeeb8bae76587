package io.bondbridge.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.api.v1alpha1.BondBridge;
import io.bondbridge.api.v1alpha1.BondBridgeNode;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatus;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatus.BondState;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatusBuilder;
import io.bondbridge.api.v1alpha1.BondBridgeStatus;
import io.bondbridge.api.v1alpha1.Phase;
import io.bondbridge.operator.model.Conflicts.Conflict;
import io.bondbridge.operator.model.NodeState;
import io.bondbridge.operator.model.NodeState.Health;
import io.bondbridge.operator.model.RolloutPlan;
import io.bondbridge.operator.model.StatusAggregator;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Argo CD health scripts shipped in helm/bondbridge/argocd, run with LuaJ against statuses the
 * operator really writes: BondBridge statuses come from the operator's own {@link
 * StatusAggregator}, BondBridgeNode statuses are the API records the agent fills in.
 */
class ArgoHealthTest {
  private static final ArgoHealth BOND_BRIDGE = ArgoHealth.of("bondbridge.io_BondBridge");
  private static final ArgoHealth BOND_BRIDGE_NODE = ArgoHealth.of("bondbridge.io_BondBridgeNode");
  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

  // --- BondBridge -------------------------------------------------------------------------

  private static BondBridge bondBridge(long generation, BondBridgeStatus status) {
    BondBridge bb = new BondBridge();
    bb.setMetadata(
        new ObjectMetaBuilder().withName("vm-uplink").withGeneration(generation).build());
    bb.setStatus(status);
    return bb;
  }

  private static BondBridgeStatus aggregate(
      long generation, boolean halted, List<Conflict> conflicts, NodeState... nodes) {
    RolloutPlan plan =
        new RolloutPlan(
            1, halted, List.of(), List.of(), List.of(), List.of(nodes), Optional.empty());
    return StatusAggregator.aggregate(generation, null, plan, conflicts, Map.of(), NOW);
  }

  private static NodeState node(String name, Health health) {
    boolean failed = health.failed();
    return new NodeState(
        name,
        health,
        health != Health.WAITING,
        failed ? "PortNotFound" : null,
        failed ? "eth9 not found" : null);
  }

  @Test
  void noStatusYetIsProgressing() {
    var health = BOND_BRIDGE.of(bondBridge(1, null));

    assertThat(health.status()).isEqualTo("Progressing");
    assertThat(health.message()).contains("operator");
  }

  @Test
  void allNodesReadyIsHealthy() {
    var status = aggregate(3, false, List.of(), node("a", Health.READY), node("b", Health.READY));

    var health = BOND_BRIDGE.of(bondBridge(3, status));

    assertThat(health.status()).isEqualTo("Healthy");
    assertThat(health.message()).contains("2/2");
  }

  @Test
  void aStatusForAnOlderSpecIsProgressing() {
    var status = aggregate(3, false, List.of(), node("a", Health.READY));

    var health = BOND_BRIDGE.of(bondBridge(4, status));

    assertThat(health.status()).isEqualTo("Progressing");
    assertThat(health.message()).contains("generation 4");
  }

  @Test
  void rollingOutIsProgressing() {
    var status =
        aggregate(
            2,
            false,
            List.of(),
            node("a", Health.READY),
            node("b", Health.APPLYING),
            node("c", Health.WAITING));

    var health = BOND_BRIDGE.of(bondBridge(2, status));

    assertThat(health.status()).isEqualTo("Progressing");
    assertThat(health.message()).contains("2 nodes still to apply generation 2").contains("1/3");
  }

  @Test
  void aFailedNodeHaltsTheRolloutAndIsDegraded() {
    var status =
        aggregate(
            2,
            true,
            List.of(),
            node("a", Health.READY),
            node("b", Health.FAILED),
            node("c", Health.WAITING));

    var health = BOND_BRIDGE.of(bondBridge(2, status));

    assertThat(health.status()).isEqualTo("Degraded");
    assertThat(health.message()).contains("NodesFailed").contains("b: PortNotFound");
  }

  @Test
  void anAgentThatNeverCameIsDegraded() {
    var status = aggregate(1, true, List.of(), node("a", Health.NO_AGENT));

    assertThat(BOND_BRIDGE.of(bondBridge(1, status)).status()).isEqualTo("Degraded");
  }

  @Test
  void aPortDownIsDegraded() {
    var status =
        aggregate(5, false, List.of(), node("a", Health.READY), node("b", Health.DEGRADED));

    var health = BOND_BRIDGE.of(bondBridge(5, status));

    assertThat(health.status()).isEqualTo("Degraded");
    assertThat(health.message()).contains("PortsDown").contains("b");
  }

  @Test
  void aNodeHeldByAnotherBondBridgeIsDegraded() {
    var conflict = new Conflict("b", "older-uplink", Set.of("bond0"));
    var status = aggregate(1, false, List.of(conflict), node("a", Health.READY));

    var health = BOND_BRIDGE.of(bondBridge(1, status));

    assertThat(health.status()).isEqualTo("Degraded");
    assertThat(health.message()).contains("older-uplink");
  }

  @Test
  void selectingNoNodeIsHealthy() {
    var status = aggregate(1, false, List.of());

    var health = BOND_BRIDGE.of(bondBridge(1, status));

    assertThat(health.status()).isEqualTo("Healthy");
    assertThat(health.message()).contains("No node");
  }

  @Test
  void aConditionOfAnOlderGenerationIsProgressing() {
    var status = aggregate(3, false, List.of(), node("a", Health.READY));
    // a status whose observedGeneration moved on but whose Ready condition did not
    var conditions =
        status.conditions().stream()
            .map(
                c ->
                    c.getType().equals("Ready")
                        ? new io.fabric8.kubernetes.api.model.ConditionBuilder(c)
                            .withObservedGeneration(2L)
                            .build()
                        : c)
            .toList();
    var stale =
        new BondBridgeStatus(
            3L, status.phase(), status.ready(), conditions, status.nodes(), null, null);

    assertThat(BOND_BRIDGE.of(bondBridge(3, stale)).status()).isEqualTo("Progressing");
  }

  // --- BondBridgeNode ---------------------------------------------------------------------

  private static BondBridgeNode child(long generation, BondBridgeNodeStatus status) {
    BondBridgeNode child = new BondBridgeNode();
    child.setMetadata(
        new ObjectMetaBuilder()
            .withName("vm-uplink.node-a")
            .withGeneration(generation)
            .addToLabels(BondBridgeNode.NODE_LABEL, "node-a")
            .build());
    child.setStatus(status);
    return child;
  }

  private static BondBridgeNodeStatus status(
      Phase phase, long observedGeneration, String reason, String message, String portsUp) {
    return new BondBridgeNodeStatusBuilder()
        .withPhase(phase)
        .withObservedGeneration(observedGeneration)
        .withMessage(message)
        .withReason(reason)
        .withBond(new BondState("bond0", "active-backup", "eth0", "up", List.of()))
        .withAddresses(List.of("10.0.0.2/24"))
        .withPortsUp(portsUp)
        .withLinkFailures(0L)
        .build();
  }

  @Test
  void nodeNotPickedUpIsProgressing() {
    var health = BOND_BRIDGE_NODE.of(child(1, null));

    assertThat(health.status()).isEqualTo("Progressing");
    assertThat(health.message()).contains("node-a");
  }

  @Test
  void nodeReadyIsHealthy() {
    var health = BOND_BRIDGE_NODE.of(child(2, status(Phase.Ready, 2, null, null, "2/2")));

    assertThat(health.status()).isEqualTo("Healthy");
    assertThat(health.message()).contains("eth0").contains("2/2");
  }

  @Test
  void nodeReadyOnAnOlderSpecIsProgressing() {
    var health = BOND_BRIDGE_NODE.of(child(3, status(Phase.Ready, 2, null, null, "2/2")));

    assertThat(health.status()).isEqualTo("Progressing");
    assertThat(health.message()).contains("generation 3");
  }

  @Test
  void nodeWithAPortDownIsDegraded() {
    var health =
        BOND_BRIDGE_NODE.of(
            child(1, status(Phase.Degraded, 1, "PortsDown", "eth1 is down", "1/2")));

    assertThat(health.status()).isEqualTo("Degraded");
    assertThat(health.message()).contains("1/2").contains("eth1 is down");
  }

  @Test
  void nodeFailedOrRolledBackIsDegraded() {
    var failed =
        BOND_BRIDGE_NODE.of(
            child(1, status(Phase.Failed, 1, "PortNotFound", "eth9 not found", null)));
    var rolledBack =
        BOND_BRIDGE_NODE.of(
            child(
                1,
                status(
                    Phase.RolledBack,
                    1,
                    "ProbeFailed",
                    "gateway 10.0.0.1 does not answer ping",
                    null)));

    assertThat(failed.status()).isEqualTo("Degraded");
    assertThat(failed.message()).isEqualTo("Failed: PortNotFound: eth9 not found");
    assertThat(rolledBack.status()).isEqualTo("Degraded");
    assertThat(rolledBack.message()).contains("RolledBack").contains("does not answer ping");
  }

  @Test
  void nodeApplyingOrTearingDownIsProgressing() {
    assertThat(BOND_BRIDGE_NODE.of(child(1, status(Phase.Applying, 1, null, null, null))).status())
        .isEqualTo("Progressing");
    assertThat(
            BOND_BRIDGE_NODE.of(child(1, status(Phase.TearingDown, 1, null, null, null))).status())
        .isEqualTo("Progressing");
  }

  /** A phase added to the API must be mapped here on purpose, never fall through to Unknown. */
  @ParameterizedTest
  @EnumSource(Phase.class)
  void everyPhaseHasAHealth(Phase phase) {
    var health = BOND_BRIDGE_NODE.of(child(1, status(phase, 1, null, null, null)));

    assertThat(health.status()).isIn("Healthy", "Progressing", "Degraded");
    assertThat(health.message()).isNotBlank();
  }
}
