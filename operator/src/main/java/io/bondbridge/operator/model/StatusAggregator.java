package io.bondbridge.operator.model;

import static io.bondbridge.api.v1alpha1.Conditions.condition;

import io.bondbridge.api.v1alpha1.BondBridgeStatus;
import io.bondbridge.api.v1alpha1.Conditions;
import io.bondbridge.api.v1alpha1.NodeCounts;
import io.bondbridge.operator.model.Conflicts.Conflict;
import io.bondbridge.operator.model.NodeState.Health;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The BondBridge status as a pure function of its nodes: counts, the bounded node lists, the
 * kstatus conditions Ready, Progressing, Degraded and Conflict, and a phase for kubectl. A
 * condition keeps its lastTransitionTime while its status does not change, so an unchanged world
 * gives an equal status and the operator writes nothing.
 */
public final class StatusAggregator {
  public static final String READY = "Ready";
  public static final String PROGRESSING = "Progressing";
  public static final String DEGRADED = "Degraded";
  public static final String CONFLICT = "Conflict";

  private StatusAggregator() {}

  /**
   * @param addressProblems selected nodes that got no spec because no address was left for them
   */
  public static BondBridgeStatus aggregate(
      long generation,
      BondBridgeStatus previous,
      RolloutPlan plan,
      List<Conflict> conflicts,
      Map<String, String> addressProblems,
      Instant now) {
    Map<String, String> failedReasons = new TreeMap<>(addressProblems);
    List<String> degradedNodes = new ArrayList<>();
    int ready = 0;
    int degraded = 0;
    for (NodeState s : plan.states()) {
      if (s.health().failed()) {
        failedReasons.put(s.node(), describe(s));
      } else if (s.current() && s.health() == Health.READY) {
        ready++;
      } else if (s.current() && s.health() == Health.DEGRADED) {
        degraded++;
        degradedNodes.add(s.node());
      }
    }
    int failed = failedReasons.size();
    int matched = plan.states().size() + addressProblems.size();
    int progressing = matched - ready - degraded - failed;
    NodeCounts counts = new NodeCounts(matched, ready, progressing, failed, degraded);

    List<Condition> conditions = new ArrayList<>();
    boolean isReady = progressing == 0 && failed == 0 && conflicts.isEmpty();
    conditions.add(
        condition(
            READY,
            isReady,
            isReady
                ? (matched == 0 ? "NoNodesSelected" : "AllNodesReady")
                : failed > 0 ? "NodesFailed" : !conflicts.isEmpty() ? CONFLICT : "RollingOut",
            (ready + degraded) + "/" + matched + " nodes applied generation " + generation));
    boolean isProgressing = progressing > 0 && !plan.halted();
    conditions.add(
        condition(
            PROGRESSING,
            isProgressing,
            isProgressing ? "RollingOut" : plan.halted() ? "RolloutHalted" : "Complete",
            plan.halted()
                ? "rollout halted by failed nodes: "
                    + list(failedReasons.keySet().stream().toList())
                : progressing
                    + " nodes still to apply generation "
                    + generation
                    + ", at most "
                    + plan.maxUnavailable()
                    + " at once"));
    boolean isDegraded = failed > 0 || degraded > 0;
    conditions.add(
        condition(
            DEGRADED,
            isDegraded,
            failed > 0
                ? (failedReasons.size() == addressProblems.size()
                    ? "AddressPoolExhausted"
                    : "NodesFailed")
                : degraded > 0 ? "PortsDown" : "AsExpected",
            failed > 0
                ? list(
                    failedReasons.entrySet().stream()
                        .map(e -> e.getKey() + ": " + e.getValue())
                        .toList())
                : degraded > 0 ? "ports down on " + list(degradedNodes) : "no node failed"));
    conditions.add(
        condition(
            CONFLICT,
            !conflicts.isEmpty(),
            conflicts.isEmpty() ? "NoConflict" : "NodeHeldByOtherBondBridge",
            conflicts.isEmpty()
                ? "no node is claimed by another BondBridge"
                : list(
                    conflicts.stream()
                        .map(
                            c ->
                                "node "
                                    + c.node()
                                    + " is kept by BondBridge "
                                    + c.heldBy()
                                    + " (both claim "
                                    + String.join(", ", c.names())
                                    + ")")
                        .toList())));
    List<Condition> kept = Conditions.merged(conditionsOf(previous), generation, now, conditions);

    String phase;
    if (failed > 0) {
      phase = ready + degraded == 0 ? "Failed" : "Degraded";
    } else if (!conflicts.isEmpty()) {
      phase = CONFLICT;
    } else if (progressing > 0) {
      phase = PROGRESSING;
    } else if (degraded > 0) {
      phase = DEGRADED;
    } else {
      phase = READY;
    }
    return new BondBridgeStatus(
        generation,
        phase,
        ready + "/" + matched,
        kept,
        counts,
        bounded(failedReasons.keySet().stream().toList()),
        bounded(degradedNodes));
  }

  /**
   * The status of a BondBridge the operator does not act on (reason InvalidSpec: a spec it cannot
   * read; InvalidName: a name its children cannot carry). Its BondBridgeNodes are left as they are,
   * so no node counts are given.
   */
  public static BondBridgeStatus invalid(
      long generation, BondBridgeStatus previous, String reason, String message, Instant now) {
    List<Condition> conditions =
        List.of(
            condition(READY, false, reason, message),
            condition(PROGRESSING, false, reason, "nothing is rolled out until this is fixed"),
            condition(DEGRADED, true, reason, message),
            condition(CONFLICT, false, "NoConflict", "not evaluated"));
    List<Condition> kept = Conditions.merged(conditionsOf(previous), generation, now, conditions);
    return new BondBridgeStatus(generation, "Failed", null, kept, null, null, null);
  }

  private static String describe(NodeState s) {
    String reason = s.reason() != null ? s.reason() : "Failed";
    return s.message() != null ? reason + " (" + s.message() + ")" : reason;
  }

  private static List<Condition> conditionsOf(BondBridgeStatus status) {
    return status == null ? null : status.conditions();
  }

  /** Null when empty: an empty list and an absent one read back alike from the API. */
  private static List<String> bounded(List<String> names) {
    if (names.isEmpty()) {
      return null;
    }
    List<String> sorted = names.stream().sorted().toList();
    return sorted.size() <= BondBridgeStatus.MAX_LISTED_NODES
        ? sorted
        : sorted.subList(0, BondBridgeStatus.MAX_LISTED_NODES);
  }

  private static String list(List<String> items) {
    int max = BondBridgeStatus.MAX_LISTED_NODES;
    String shown = items.stream().limit(max).collect(Collectors.joining("; "));
    return items.size() > max ? shown + "; and " + (items.size() - max) + " more" : shown;
  }
}
