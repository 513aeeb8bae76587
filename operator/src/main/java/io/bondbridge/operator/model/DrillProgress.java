package io.bondbridge.operator.model;

import io.bondbridge.api.v1alpha1.BondBridgeDrillStatus;
import io.bondbridge.api.v1alpha1.DrillMethod;
import io.bondbridge.api.v1alpha1.DrillPhase;
import io.bondbridge.api.v1alpha1.DrillRequest;
import io.bondbridge.api.v1alpha1.NodeDrill;
import io.bondbridge.api.v1alpha1.Phase;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One step of a BondBridgeDrill, as a pure function of its status and the BondBridge's
 * BondBridgeNodes: take a finished node's figures from its agent's report, hand the next node the
 * request once no node of the BondBridge is drilled (by this drill or another) and that node is
 * Ready, skip a node that is not, and end the drill when every node is done. One node at a time:
 * the request annotation on a child is the only sign of a running drill, and it is set on a node
 * only when no child of the BondBridge carries one.
 */
public final class DrillProgress {
  /** A node's agent that has not answered in this long is given up on. */
  public static final Duration NO_ANSWER = Duration.ofMinutes(5);

  /** How soon to look again while waiting (a node applying, another drill running). */
  public static final Duration WAITING = Duration.ofSeconds(10);

  private DrillProgress() {}

  /** One BondBridgeNode of the drilled BondBridge, as the drill sees it. */
  public record Child(
      String node,
      Phase phase,
      boolean atGeneration,
      String message,
      DrillRequest request,
      NodeDrill reported) {}

  /** What the drill is. */
  public record Drill(String name, String uid, DrillMethod method) {
    public DrillRequest request() {
      return new DrillRequest(name, uid, method);
    }
  }

  /**
   * What to do: the new status, the node to hand the request to (if any), the nodes whose request
   * of this drill goes, and when to look again (null: only on an event).
   */
  public record Step(
      BondBridgeDrillStatus status, String ask, List<String> clear, Duration lookAgainAfter) {}

  /**
   * @param status the drill's status so far (null before its first step)
   * @param targets the nodes to drill, in order (used on the first step only: then the status holds
   *     them)
   * @param children the BondBridge's BondBridgeNodes by node name
   * @param bondBridgeFound whether the BondBridge exists
   */
  public static Step next(
      Drill drill,
      BondBridgeDrillStatus status,
      List<String> targets,
      Map<String, Child> children,
      boolean bondBridgeFound,
      Instant now) {
    List<String> clear = ours(drill, children);
    if (status != null && status.phase() != null && status.phase().isFinished()) {
      return new Step(status, null, clear, null);
    }
    if (!bondBridgeFound && (status == null || status.nodes() == null)) {
      return new Step(
          ended(status, List.of(), "BondBridge not found: nothing to drill", now),
          null,
          clear,
          null);
    }
    List<NodeDrill> nodes =
        status != null && status.nodes() != null
            ? new ArrayList<>(status.nodes())
            : new ArrayList<>(
                targets.stream().map(n -> NodeDrill.of(n, DrillPhase.Pending, null)).toList());
    if (nodes.isEmpty()) {
      return new Step(
          ended(status, nodes, "no node of the BondBridge matches the drill's nodeSelector", now),
          null,
          clear,
          null);
    }
    String started = status == null ? null : status.startedAt();
    for (int i = 0; i < nodes.size(); i++) {
      NodeDrill entry = nodes.get(i);
      Child child = children.get(entry.node());
      if (entry.phase() == DrillPhase.Running) {
        Optional<NodeDrill> over = answered(drill, entry, child, now);
        if (over.isEmpty()) {
          List<String> stillOurs = clear.stream().filter(n -> !n.equals(entry.node())).toList();
          String ask = child.request() == null ? entry.node() : null; // put back if it went
          return new Step(
              running(nodes, entry.node(), started, "drilling " + entry.node()),
              ask,
              stillOurs,
              WAITING);
        }
        nodes.set(i, over.get());
        continue;
      }
      if (entry.phase() != DrillPhase.Pending) {
        continue;
      }
      if (child == null) {
        nodes.set(i, skipped(entry, "it has no BondBridgeNode of the BondBridge (any more)"));
        continue;
      }
      Optional<String> busy = otherDrill(drill, children);
      if (busy.isPresent()) {
        return new Step(waiting(nodes, started, busy.get()), null, clear, WAITING);
      }
      if (child.phase() == null
          || child.phase() == Phase.Pending
          || child.phase() == Phase.Applying
          || !child.atGeneration()) {
        return new Step(
            waiting(nodes, started, entry.node() + " is applying its BondBridgeNode"),
            null,
            clear,
            WAITING);
      }
      if (child.phase() != Phase.Ready) {
        nodes.set(
            i,
            skipped(
                entry,
                "its BondBridgeNode is "
                    + child.phase()
                    + (child.message() == null ? "" : " (" + child.message() + ")")
                    + ": a drill runs on a Ready node only, it never takes the last path away"));
        continue;
      }
      nodes.set(
          i,
          new NodeDrill(
              entry.node(),
              null,
              null,
              drill.method(),
              DrillPhase.Running,
              "handed to the node's agent",
              null,
              null,
              now.toString(),
              null,
              null));
      return new Step(
          running(
              nodes,
              entry.node(),
              started == null ? now.toString() : started,
              "drilling " + entry.node()),
          entry.node(),
          clear,
          WAITING);
    }
    return new Step(ended(status, nodes, null, now), null, clear, null);
  }

  /** The node's result, once its agent reported this drill finished, or its time is up. */
  private static Optional<NodeDrill> answered(
      Drill drill, NodeDrill entry, Child child, Instant now) {
    if (child == null) {
      return Optional.of(skipped(entry, "its BondBridgeNode went during the drill"));
    }
    NodeDrill reported = child.reported();
    if (reported != null
        && drill.uid().equals(reported.uid())
        && reported.phase() != null
        && reported.phase().isFinished()) {
      return Optional.of(reported.forDrillStatus(entry.node()));
    }
    Instant handed = parse(entry.startedAt());
    if (handed != null && now.isAfter(handed.plus(NO_ANSWER))) {
      return Optional.of(
          new NodeDrill(
              entry.node(),
              null,
              null,
              entry.method(),
              DrillPhase.Failed,
              "its agent did not report the drill within " + NO_ANSWER.toMinutes() + " minutes",
              null,
              null,
              entry.startedAt(),
              now.toString(),
              null));
    }
    return Optional.empty();
  }

  /** The nodes whose children carry this drill's request. */
  private static List<String> ours(Drill drill, Map<String, Child> children) {
    return children.values().stream()
        .filter(c -> c.request() != null && drill.uid().equals(c.request().uid()))
        .map(Child::node)
        .sorted()
        .toList();
  }

  /** Another drill's request on a child of the BondBridge: its node is being drilled. */
  private static Optional<String> otherDrill(Drill drill, Map<String, Child> children) {
    return children.values().stream()
        .filter(c -> c.request() != null && !drill.uid().equals(c.request().uid()))
        .findFirst()
        .map(
            c ->
                "waiting for drill "
                    + c.request().drill()
                    + " on "
                    + c.node()
                    + ": one node of a BondBridge at a time");
  }

  private static NodeDrill skipped(NodeDrill entry, String why) {
    return NodeDrill.of(entry.node(), DrillPhase.Skipped, why);
  }

  private static BondBridgeDrillStatus running(
      List<NodeDrill> nodes, String node, String started, String message) {
    return new BondBridgeDrillStatus(
        DrillPhase.Running, message, node, done(nodes), started, null, List.copyOf(nodes));
  }

  private static BondBridgeDrillStatus waiting(
      List<NodeDrill> nodes, String started, String message) {
    DrillPhase phase = started == null ? DrillPhase.Pending : DrillPhase.Running;
    return new BondBridgeDrillStatus(
        phase, message, null, done(nodes), started, null, List.copyOf(nodes));
  }

  private static BondBridgeDrillStatus ended(
      BondBridgeDrillStatus before, List<NodeDrill> nodes, String why, Instant now) {
    boolean allSucceeded =
        !nodes.isEmpty() && nodes.stream().allMatch(n -> n.phase() == DrillPhase.Succeeded);
    String message = why != null ? why : summary(nodes);
    return new BondBridgeDrillStatus(
        allSucceeded ? DrillPhase.Succeeded : DrillPhase.Failed,
        message,
        null,
        done(nodes),
        before == null ? null : before.startedAt(),
        now.toString(),
        List.copyOf(nodes));
  }

  /** e.g. "2/2 nodes Succeeded" or "1/2 nodes Succeeded; node-b Refused". */
  private static String summary(List<NodeDrill> nodes) {
    long ok = nodes.stream().filter(n -> n.phase() == DrillPhase.Succeeded).count();
    StringBuilder out =
        new StringBuilder().append(ok).append('/').append(nodes.size()).append(" nodes Succeeded");
    Set<String> others = new TreeSet<>();
    nodes.stream()
        .filter(n -> n.phase() != DrillPhase.Succeeded)
        .forEach(n -> others.add(n.node() + " " + n.phase()));
    if (!others.isEmpty()) {
      out.append("; ").append(String.join(", ", others));
    }
    return out.toString();
  }

  private static String done(List<NodeDrill> nodes) {
    long finished = nodes.stream().filter(n -> n.phase() != null && n.phase().isFinished()).count();
    return finished + "/" + nodes.size();
  }

  private static Instant parse(String at) {
    if (at == null) {
      return null;
    }
    try {
      return Instant.parse(at);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
