package io.bondbridge.operator.model;

import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.Phase;
import io.bondbridge.api.v1alpha1.Rollout;
import io.bondbridge.operator.model.NodeState.Health;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which BondBridgeNodes move to the desired spec now. Derived from the children alone on every
 * reconcile (nothing is stored), so an operator restarted at any point carries on.
 *
 * <p>Rules: at most {@code maxUnavailable} nodes are applying or failed at once. A node that is
 * already unavailable on an older spec gets the new one at once (it costs no extra availability,
 * and it is how a fix reaches a failed node). A node failed on the current spec halts the rollout:
 * no further node is reached until it recovers or the spec changes.
 *
 * @param create nodes that get their first BondBridgeNode
 * @param update nodes whose BondBridgeNode gets the desired spec
 * @param delete nodes whose BondBridgeNode goes (no longer selected, held or addressable)
 * @param states every desired node after these moves, by name
 * @param nextDeadline when the earliest handed-over spec times out (NoAgent) if not picked up
 */
public record RolloutPlan(
    int maxUnavailable,
    boolean halted,
    List<String> create,
    List<String> update,
    List<String> delete,
    List<NodeState> states,
    Optional<Instant> nextDeadline) {

  public static RolloutPlan plan(
      Map<String, BondBridgeNodeSpec> desired,
      Collection<Child> children,
      IntOrString maxUnavailable,
      Instant now,
      Duration agentTimeout) {
    Map<String, Child> live = new TreeMap<>();
    Map<String, Child> deleting = new TreeMap<>();
    for (Child c : children) {
      (c.deleting() ? deleting : live).put(c.node(), c);
    }
    List<String> delete =
        live.keySet().stream().filter(node -> !desired.containsKey(node)).toList();

    Map<String, NodeState> states = new TreeMap<>();
    for (String node : new TreeMap<>(desired).keySet()) {
      Child c = live.get(node);
      states.put(
          node,
          c == null
              ? new NodeState(node, Health.WAITING, false, null, null)
              : classify(c, desired.get(node), now, agentTimeout));
    }
    int max = maxUnavailable(maxUnavailable, desired.size());
    List<String> create = new ArrayList<>();
    List<String> update = new ArrayList<>();
    boolean halted = false;
    long unavailable = 0;
    for (NodeState s : states.values()) {
      unavailable += s.health().unavailable() ? 1 : 0;
      halted |= s.current() && s.health().failed();
      if (!s.current() && s.health().unavailable()) {
        update.add(s.node());
      }
    }
    long budget = halted ? 0 : max - unavailable;
    for (NodeState s : states.values()) {
      if (budget <= 0) {
        break;
      }
      boolean waiting = s.health() == Health.WAITING && !deleting.containsKey(s.node());
      boolean stale = !s.current() && (s.health() == Health.READY || s.health() == Health.DEGRADED);
      if (waiting || stale) {
        (waiting ? create : update).add(s.node());
        budget--;
      }
    }

    Optional<Instant> deadline = Optional.empty();
    for (NodeState s : List.copyOf(states.values())) {
      Instant handedOverAt = null;
      if (create.contains(s.node()) || update.contains(s.node())) {
        states.put(s.node(), new NodeState(s.node(), Health.APPLYING, true, null, null));
        handedOverAt = now;
      } else if (s.health() == Health.APPLYING) {
        Child c = live.get(s.node());
        handedOverAt = c.observed() ? null : c.handedOverAt();
      }
      if (handedOverAt != null) {
        Instant due = handedOverAt.plus(agentTimeout);
        if (deadline.isEmpty() || due.isBefore(deadline.get())) {
          deadline = Optional.of(due);
        }
      }
    }
    return new RolloutPlan(
        max,
        halted,
        List.copyOf(create),
        List.copyOf(update),
        delete,
        List.copyOf(states.values()),
        deadline);
  }

  /** While a node applies, how often the operator looks again without an event. */
  public static final Duration PROGRESS_CHECK = Duration.ofSeconds(10);

  /** How soon a refused create is tried again. */
  public static final Duration CREATE_RETRY = Duration.ofMinutes(1);

  /**
   * When to reconcile again without an event, the earliest of: the next NoAgent deadline; {@link
   * #PROGRESS_CHECK} while a node applies (an agent's report whose watch event was lost, or taken
   * for the echo of our own write, would otherwise hold the rollout until that deadline); {@link
   * #CREATE_RETRY} when a create was refused (no event says when another owner lets the name go or
   * the refusal's cause is fixed). Empty: only an event wakes the BondBridge up.
   */
  public Optional<Duration> lookAgainAfter(Instant now, boolean createsRefused) {
    List<Duration> due = new ArrayList<>();
    nextDeadline.ifPresent(
        d -> due.add(Duration.ofMillis(Math.max(1, Duration.between(now, d).toMillis() + 1))));
    if (states.stream().anyMatch(s -> s.health() == Health.APPLYING)) {
      due.add(PROGRESS_CHECK);
    }
    if (createsRefused) {
      due.add(CREATE_RETRY);
    }
    return due.stream().min(Duration::compareTo);
  }

  /**
   * This plan with the nodes whose BondBridgeNode could not be created (node → reason, message)
   * counted as failed on the current spec, so the status says why, and not Progressing forever.
   */
  public RolloutPlan withFailedCreates(Map<String, NodeState> failed) {
    if (failed.isEmpty()) {
      return this;
    }
    List<NodeState> merged = states.stream().map(s -> failed.getOrDefault(s.node(), s)).toList();
    return new RolloutPlan(maxUnavailable, halted, create, update, delete, merged, nextDeadline);
  }

  static NodeState classify(
      Child c, BondBridgeNodeSpec desired, Instant now, Duration agentTimeout) {
    boolean current = desired.equals(c.spec());
    if (!c.observed()) {
      if (c.handedOverAt() != null && !now.isBefore(c.handedOverAt().plus(agentTimeout))) {
        return new NodeState(
            c.node(),
            Health.NO_AGENT,
            current,
            "NoAgent",
            "no agent picked up generation " + c.generation() + " within " + agentTimeout);
      }
      return new NodeState(c.node(), Health.APPLYING, current, null, null);
    }
    Health health =
        switch (c.phase()) {
          case Ready -> Health.READY;
          case Degraded -> Health.DEGRADED;
          case Failed, RolledBack -> Health.FAILED;
          case Pending, Applying, TearingDown -> Health.APPLYING;
        };
    String reason =
        c.reason() != null ? c.reason() : c.phase() == Phase.RolledBack ? "RolledBack" : null;
    return new NodeState(c.node(), health, current, reason, c.message());
  }

  /**
   * {@code maxUnavailable} as a node count: an int, or a percentage of the selected nodes rounded
   * up; at least 1, so a rollout always moves. Unset: 10%.
   */
  public static int maxUnavailable(IntOrString value, int selected) {
    IntOrString v = value != null ? value : new IntOrString(Rollout.DEFAULT_MAX_UNAVAILABLE);
    int n;
    if (v.getIntVal() != null) {
      n = v.getIntVal();
    } else {
      String s = v.getStrVal().trim();
      if (s.endsWith("%")) {
        int percent = Integer.parseInt(s.substring(0, s.length() - 1).trim());
        n = (int) ((selected * (long) percent + 99) / 100);
      } else {
        n = Integer.parseInt(s);
      }
    }
    return Math.max(1, n);
  }
}
