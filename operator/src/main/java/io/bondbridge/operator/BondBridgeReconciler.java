package io.bondbridge.operator;

import io.bondbridge.api.v1alpha1.BondBridge;
import io.bondbridge.api.v1alpha1.BondBridgeNode;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.BondBridgeSpec;
import io.bondbridge.api.v1alpha1.BondBridgeStatus;
import io.bondbridge.api.v1alpha1.NodeResolution;
import io.bondbridge.api.v1alpha1.Phase;
import io.bondbridge.api.v1alpha1.ReadError;
import io.bondbridge.operator.model.AddressAllocator;
import io.bondbridge.operator.model.Child;
import io.bondbridge.operator.model.ChildNames;
import io.bondbridge.operator.model.ClusterNode;
import io.bondbridge.operator.model.Conflicts;
import io.bondbridge.operator.model.Conflicts.Conflict;
import io.bondbridge.operator.model.NodeSelection;
import io.bondbridge.operator.model.NodeState;
import io.bondbridge.operator.model.Policy;
import io.bondbridge.operator.model.RolloutPlan;
import io.bondbridge.operator.model.StatusAggregator;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Observe (nodes, all BondBridges, this one's BondBridgeNodes from the informer caches) → decide
 * (the pure {@code model} classes) → act (create, update, delete BondBridgeNodes) → report (status,
 * patched only when it changed). Wakes up by itself at a NoAgent deadline and, while a node
 * applies, every few seconds ({@link RolloutPlan#lookAgainAfter}).
 */
public class BondBridgeReconciler implements Reconciler<BondBridge>, Cleaner<BondBridge> {
  private final OperatorSettings settings;
  private final Clock clock;
  private static final Logger LOG = LoggerFactory.getLogger(BondBridgeReconciler.class);

  private final EventSources eventSources = new EventSources();
  private volatile BondBridgeNodes writer;
  private volatile BondBridgeEvents events;

  public BondBridgeReconciler(OperatorSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, BondBridge>> prepareEventSources(EventSourceContext<BondBridge> ctx) {
    List<EventSource<?, BondBridge>> sources = eventSources.prepare(ctx);
    writer = new BondBridgeNodes(ctx.getClient(), eventSources.children());
    events = new BondBridgeEvents(ctx.getClient(), settings.eventNamespace(), clock);
    return sources;
  }

  @Override
  public UpdateControl<BondBridge> reconcile(BondBridge bb, Context<BondBridge> ctx) {
    Instant now = clock.instant();
    String name = bb.getMetadata().getName();
    long generation = bb.getMetadata().getGeneration();
    BondBridgeSpec spec = bb.getSpec();
    Optional<Invalid> invalid = invalid(bb, ctx);
    if (invalid.isPresent()) {
      report(bb, invalid.get(), now);
      return UpdateControl.noUpdate();
    }

    Map<String, ClusterNode> nodes = eventSources.nodes();
    Policy self = EventSources.policy(bb);
    List<Policy> policies = eventSources.policies(self);
    Map<String, BondBridgeNode> children = childrenByNode(ctx);

    List<String> held = new ArrayList<>();
    List<Conflict> conflicts = new ArrayList<>();
    for (ClusterNode node : NodeSelection.select(spec.nodeSelector(), nodes.values())) {
      Optional<Conflict> lost = Conflicts.lostTo(self, node, policies);
      lost.ifPresentOrElse(conflicts::add, () -> held.add(node.name()));
    }
    Map<String, Map<String, String>> existing = new HashMap<>();
    children.forEach((node, c) -> existing.put(node, NodeResolution.addressesOf(c.getSpec())));
    AddressAllocator.Allocation addresses = AddressAllocator.allocate(spec, held, existing);
    Map<String, BondBridgeNodeSpec> desired = new TreeMap<>();
    for (String node : held) {
      if (!addresses.problems().containsKey(node)) {
        desired.put(node, NodeResolution.resolve(name, generation, spec, node, addresses.of(node)));
      }
    }

    List<Child> views = children.values().stream().map(BondBridgeNodes::view).toList();
    IntOrString maxUnavailable = spec.rollout() == null ? null : spec.rollout().maxUnavailable();
    RolloutPlan plan =
        RolloutPlan.plan(desired, views, maxUnavailable, now, settings.agentTimeout());
    Map<String, NodeState> refused = apply(bb, plan, desired, children, nodes, now);
    RolloutPlan outcome = plan.withFailedCreates(refused);

    BondBridgeStatus status =
        StatusAggregator.aggregate(
            generation, bb.getStatus(), outcome, conflicts, addresses.problems(), now);
    if (!status.equals(bb.getStatus())) {
      writer.writeStatus(name, status);
    }
    UpdateControl<BondBridge> control = UpdateControl.noUpdate();
    outcome
        .lookAgainAfter(now, !refused.isEmpty())
        .ifPresent(d -> control.rescheduleAfter(d.toMillis()));
    return control;
  }

  /** Why the operator does not act on a BondBridge at all, for its status and an Event. */
  private record Invalid(String reason, String message) {}

  private static Optional<Invalid> invalid(BondBridge bb, Context<BondBridge> ctx) {
    Optional<String> badName = ChildNames.problemWith(bb.getMetadata().getName());
    if (badName.isPresent()) {
      return Optional.of(new Invalid("InvalidName", badName.get() + "; no BondBridgeNode is made"));
    }
    if (bb.getSpec() != null) {
      return Optional.empty();
    }
    // JOSDK hands reconcile a JSON copy, which cannot carry what failed to read: the informer's
    // own copy does
    Optional<ReadError> unreadable =
        ctx.getPrimaryCache().get(ResourceID.fromResource(bb)).stream()
            .flatMap(cached -> cached.readErrors().stream())
            .filter(e -> e.path().startsWith("spec"))
            .findFirst();
    return Optional.of(
        new Invalid(
            "InvalidSpec",
            unreadable
                    .map(e -> "the spec cannot be read: " + e.describe())
                    .orElse("the BondBridge has no spec")
                + "; its BondBridgeNodes are left as they are until it is fixed"));
  }

  /** Status and, when the problem is new, an Event and a log line; nothing else is touched. */
  private void report(BondBridge bb, Invalid invalid, Instant now) {
    BondBridgeStatus status =
        StatusAggregator.invalid(
            bb.getMetadata().getGeneration(),
            bb.getStatus(),
            invalid.reason(),
            invalid.message(),
            now);
    if (!status.equals(bb.getStatus())) {
      LOG.warn(
          "BondBridge {}: {}: {}", bb.getMetadata().getName(), invalid.reason(), invalid.message());
      writer.writeStatus(bb.getMetadata().getName(), status);
      events.warn(bb, invalid.reason(), invalid.message());
    }
  }

  /** Returns the nodes whose BondBridgeNode the API server refused to create, and why. */
  private Map<String, NodeState> apply(
      BondBridge bb,
      RolloutPlan plan,
      Map<String, BondBridgeNodeSpec> desired,
      Map<String, BondBridgeNode> children,
      Map<String, ClusterNode> nodes,
      Instant now) {
    for (String node : plan.delete()) {
      writer.delete(children.get(node));
    }
    for (BondBridgeNode child : children.values()) {
      if (!nodes.containsKey(BondBridgeNodes.nodeOf(child))
          && (child.isMarkedForDeletion()
              || plan.delete().contains(BondBridgeNodes.nodeOf(child)))) {
        writer.releaseAgentFinalizer(child);
      }
    }
    Map<String, NodeState> failedCreates = new TreeMap<>();
    for (String node : plan.create()) {
      writer.create(bb, desired.get(node), now).ifPresent(f -> failedCreates.put(node, f));
    }
    for (String node : plan.update()) {
      writer.update(children.get(node), desired.get(node), now);
    }
    return failedCreates;
  }

  /**
   * Restore and Orphan both delete the BondBridgeNodes (there is no garbage collector to rely on
   * everywhere); the agents read spec.cleanup to tear down or let go. The BondBridge's own
   * finalizer goes once every child is gone: child delete events bring us back here.
   */
  @Override
  public DeleteControl cleanup(BondBridge bb, Context<BondBridge> ctx) {
    Map<String, ClusterNode> nodes = eventSources.nodes();
    Map<String, BondBridgeNode> children = childrenByNode(ctx);
    for (BondBridgeNode child : children.values()) {
      if (!child.isMarkedForDeletion()) {
        writer.delete(child);
      }
      if (!nodes.containsKey(BondBridgeNodes.nodeOf(child))) {
        writer.releaseAgentFinalizer(child);
      }
    }
    return children.isEmpty() ? DeleteControl.defaultDelete() : DeleteControl.noFinalizerRemoval();
  }

  private static Map<String, BondBridgeNode> childrenByNode(Context<BondBridge> ctx) {
    String name = ctx.getPrimaryResource().getMetadata().getName();
    return ctx.getSecondaryResourcesAsStream(BondBridgeNode.class)
        .filter(c -> name.equals(c.getMetadata().getLabels().get(BondBridgeNode.POLICY_LABEL)))
        .filter(c -> BondBridgeNodes.nodeOf(c) != null)
        .collect(
            Collectors.toMap(
                BondBridgeNodes::nodeOf, Function.identity(), (a, b) -> a, TreeMap::new));
  }

  /** BondBridges whose spec or status cannot be read, for the unreadable-objects gauge. */
  public long unreadableBondBridges() {
    var peers = eventSources.peers();
    return peers == null ? 0 : peers.list(bb -> !bb.readErrors().isEmpty()).count();
  }

  /** BondBridgeNodes whose spec or status cannot be read, for the unreadable-objects gauge. */
  public long unreadableBondBridgeNodes() {
    var children = eventSources.children();
    return children == null ? 0 : children.list(c -> !c.readErrors().isEmpty()).count();
  }

  /** BondBridgeNodes by phase over all BondBridges, for the nodes-by-phase gauge. */
  public long nodesInPhase(String phase) {
    InformerEventSource<BondBridgeNode, BondBridge> children = eventSources.children();
    if (children == null) {
      return 0;
    }
    return children
        .list(
            c -> {
              Phase p = c.getStatus() == null ? null : c.getStatus().phase();
              return phase.equals(p == null ? Phase.Pending.name() : p.name());
            })
        .count();
  }
}
