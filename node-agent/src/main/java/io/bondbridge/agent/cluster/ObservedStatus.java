package io.bondbridge.agent.cluster;

import static io.bondbridge.api.v1alpha1.Conditions.condition;

import io.bondbridge.agent.host.BondPort;
import io.bondbridge.agent.host.BondState;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatus;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatus.Failover;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatusBuilder;
import io.bondbridge.api.v1alpha1.Conditions;
import io.bondbridge.api.v1alpha1.Phase;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;

/**
 * A BondBridgeNode's status as a pure function of the spec, the observed host and the status
 * before. Conditions keep their lastTransitionTime while their status holds, so an unchanged host
 * gives an equal status — that equality is what lets an idle node write nothing.
 */
public final class ObservedStatus {
  public static final String APPLIED = "Applied";
  public static final String PORTS_UP = "PortsUp";

  private ObservedStatus() {}

  /** The spec is on the host: Ready with every port up, else Degraded. */
  public static BondBridgeNodeStatus live(
      BondBridgeNodeSpec spec,
      long generation,
      HostState host,
      BondBridgeNodeStatus previous,
      Failover lastFailover,
      Instant now) {
    String bondName = spec.bond().name();
    BondState bond = host.bond(bondName).orElse(null);
    if (bond == null) {
      String message = bondName + " is not on the host (removed by hand?); the agent puts it back";
      return status(Phase.Degraded, generation, "BondMissing", message)
          .withPortsUp("0/0")
          .withLinkFailures(0L)
          .withLastFailover(lastFailover)
          .withConditions(
              conditions(
                  previous,
                  generation,
                  now,
                  condition(APPLIED, false, "BondMissing", message),
                  condition(PORTS_UP, false, "BondMissing", message)))
          .build();
    }
    String portsUp = bond.portsUp() + "/" + bond.ports().size();
    List<String> down =
        bond.ports().stream().filter(p -> !p.isUp()).map(BondPort::name).sorted().toList();
    boolean allUp = down.isEmpty() && !bond.ports().isEmpty();
    String active = bond.activePort() == null ? "" : ", active port " + bond.activePort();
    String message =
        allUp
            ? bondName + " up" + active + ", " + portsUp + " ports up"
            : (down.isEmpty() ? "no ports" : String.join(", ", down) + " down")
                + ": "
                + portsUp
                + " ports up on "
                + bondName
                + active;
    return status(
            allUp ? Phase.Ready : Phase.Degraded,
            generation,
            allUp ? "Applied" : "PortsDown",
            message)
        .withBond(DeviceStates.bond(bond, host))
        .withBridge(DeviceStates.bridge(spec, host))
        .withVlans(DeviceStates.vlans(spec, host))
        .withAddresses(DeviceStates.cidrs(host, spec.topInterface()))
        .withPortsUp(portsUp)
        .withLinkFailures(bond.linkFailures())
        .withLastFailover(lastFailover)
        .withConditions(
            conditions(
                previous,
                generation,
                now,
                condition(APPLIED, true, "Applied", "generation " + generation + " is on the host"),
                condition(PORTS_UP, allUp, allUp ? "AllPortsUp" : "PortsDown", message)))
        .withLeases(DeviceStates.leases(spec, host))
        .withDns(DeviceStates.dns(spec, host))
        .build();
  }

  /** The agent is changing the host; what it saw before stays in the status meanwhile. */
  public static BondBridgeNodeStatus applying(
      long generation, BondBridgeNodeStatus previous, String message, Instant now) {
    return transitional(Phase.Applying, generation, previous, "Applying", message, now);
  }

  public static BondBridgeNodeStatus tearingDown(
      long generation, BondBridgeNodeStatus previous, String message, Instant now) {
    return transitional(Phase.TearingDown, generation, previous, "TearingDown", message, now);
  }

  /**
   * The spec could not be applied (refused, or a step failed and the host was restored): nothing of
   * it is on the host, so no bond is reported.
   */
  public static BondBridgeNodeStatus failed(
      long generation, BondBridgeNodeStatus previous, String reason, String message, Instant now) {
    return notApplied(Phase.Failed, generation, previous, reason, message, now);
  }

  /** Applied, but a probe that passed before failed after it: the host was restored. */
  public static BondBridgeNodeStatus rolledBack(
      long generation, BondBridgeNodeStatus previous, String reason, String message, Instant now) {
    return notApplied(Phase.RolledBack, generation, previous, reason, message, now);
  }

  private static BondBridgeNodeStatus notApplied(
      Phase phase,
      long generation,
      BondBridgeNodeStatus previous,
      String reason,
      String message,
      Instant now) {
    return status(phase, generation, reason, message)
        .withLastFailover(previous == null ? null : previous.lastFailover())
        .withConditions(
            conditions(previous, generation, now, condition(APPLIED, false, reason, message)))
        .build();
  }

  /** The devices as last seen, with the new phase; leases are left out until the host is read. */
  private static BondBridgeNodeStatus transitional(
      Phase phase,
      long generation,
      BondBridgeNodeStatus previous,
      String reason,
      String message,
      Instant now) {
    BondBridgeNodeStatusBuilder status =
        previous == null
            ? new BondBridgeNodeStatusBuilder()
            : new BondBridgeNodeStatusBuilder(previous);
    return status
        .withPhase(phase)
        .withObservedGeneration(generation)
        .withReason(reason)
        .withMessage(message)
        .withConditions(
            conditions(previous, generation, now, condition(APPLIED, false, reason, message)))
        .withLeases(null)
        .build();
  }

  private static BondBridgeNodeStatusBuilder status(
      Phase phase, long generation, String reason, String message) {
    return new BondBridgeNodeStatusBuilder()
        .withPhase(phase)
        .withObservedGeneration(generation)
        .withReason(reason)
        .withMessage(message);
  }

  private static List<Condition> conditions(
      BondBridgeNodeStatus previous, long generation, Instant now, Condition... conditions) {
    return Conditions.merged(
        previous == null ? null : previous.conditions(), generation, now, List.of(conditions));
  }
}
