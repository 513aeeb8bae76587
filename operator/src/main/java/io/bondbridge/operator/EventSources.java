package io.bondbridge.operator;

import io.bondbridge.api.v1alpha1.BondBridge;
import io.bondbridge.api.v1alpha1.BondBridgeNode;
import io.bondbridge.operator.model.ClusterNode;
import io.bondbridge.operator.model.NodeSelection;
import io.bondbridge.operator.model.Policy;
import io.fabric8.kubernetes.api.model.Node;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What wakes a BondBridge up besides its own spec: its BondBridgeNodes (the agents' reports), Nodes
 * (joining, leaving, relabelled, deleted) and the other BondBridges (who holds a contested node).
 * All are watches; nothing polls.
 */
final class EventSources {
  private static final String BY_NODE = "byNode";

  private volatile InformerEventSource<BondBridgeNode, BondBridge> children;
  private volatile InformerEventSource<Node, BondBridge> nodes;
  private volatile InformerEventSource<BondBridge, BondBridge> peers;

  List<EventSource<?, BondBridge>> prepare(EventSourceContext<BondBridge> ctx) {
    IndexedResourceCache<BondBridge> primaries = ctx.getPrimaryCache();
    children =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(BondBridgeNode.class, BondBridge.class)
                .withName("bondbridgenodes")
                .withSecondaryToPrimaryMapper(
                    child -> {
                      String owner =
                          child.getMetadata().getLabels().get(BondBridgeNode.POLICY_LABEL);
                      return owner == null ? Set.of() : Set.of(new ResourceID(owner));
                    })
                .build(),
            ctx);
    children.addIndexers(
        Map.of(
            BY_NODE,
            c -> {
              String node = BondBridgeNodes.nodeOf(c);
              return node == null ? List.of() : List.of(node);
            }));

    // Nodes update their status all the time; only labels (and existence) matter here.
    nodes =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Node.class, BondBridge.class)
                .withName("nodes")
                .withOnUpdateFilter(
                    (updated, old) ->
                        !Objects.equals(
                            updated.getMetadata().getLabels(), old.getMetadata().getLabels()))
                .withSecondaryToPrimaryMapper(node -> concernedBy(node, primaries))
                .build(),
            ctx);

    // Another BondBridge appearing, changing or going can hand over (or take) a contested node.
    peers =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(BondBridge.class, BondBridge.class)
                .withName("peers")
                .withOnUpdateFilter(
                    (updated, old) ->
                        !Objects.equals(
                                updated.getMetadata().getGeneration(),
                                old.getMetadata().getGeneration())
                            || updated.isMarkedForDeletion() != old.isMarkedForDeletion())
                .withSecondaryToPrimaryMapper(
                    bb ->
                        primaries
                            .list()
                            .filter(
                                p -> !p.getMetadata().getName().equals(bb.getMetadata().getName()))
                            .map(ResourceID::fromResource)
                            .collect(Collectors.toSet()))
                .build(),
            ctx);
    return List.of(children, nodes, peers);
  }

  /** The BondBridges that select the node now or still have a BondBridgeNode on it. */
  private Set<ResourceID> concernedBy(Node node, IndexedResourceCache<BondBridge> primaries) {
    Set<ResourceID> ids = new HashSet<>();
    Map<String, String> labels = labels(node);
    primaries
        .list()
        .filter(bb -> bb.getSpec() != null)
        .filter(bb -> NodeSelection.matches(bb.getSpec().nodeSelector(), labels))
        .forEach(bb -> ids.add(ResourceID.fromResource(bb)));
    InformerEventSource<BondBridgeNode, BondBridge> c = children;
    if (c != null) {
      for (BondBridgeNode child : c.byIndex(BY_NODE, node.getMetadata().getName())) {
        String owner = child.getMetadata().getLabels().get(BondBridgeNode.POLICY_LABEL);
        if (owner != null) {
          ids.add(new ResourceID(owner));
        }
      }
    }
    return ids;
  }

  InformerEventSource<BondBridgeNode, BondBridge> children() {
    return children;
  }

  /** Every BondBridge, as the watch of the other BondBridges holds them. */
  InformerEventSource<BondBridge, BondBridge> peers() {
    return peers;
  }

  /**
   * Every BondBridge's policy, with {@code self} as it is being reconciled. The others come from
   * the peers watch, not the primary cache: a peer's event is delivered by that watch, and the
   * primary cache may not have seen it yet (a deleted peer still holding the node would then keep
   * this one off it until the next resync).
   */
  List<Policy> policies(Policy self) {
    List<Policy> all = new ArrayList<>();
    all.add(self);
    peers
        .list(bb -> !bb.getMetadata().getName().equals(self.name()))
        .map(EventSources::policy)
        .forEach(all::add);
    return all;
  }

  /** Every node in the cluster by name, from the informer's cache. */
  Map<String, ClusterNode> nodes() {
    return nodes
        .list(n -> true)
        .map(n -> new ClusterNode(n.getMetadata().getName(), labels(n)))
        .collect(Collectors.toMap(ClusterNode::name, n -> n, (a, b) -> a, TreeMap::new));
  }

  static Policy policy(BondBridge bb) {
    String created = bb.getMetadata().getCreationTimestamp();
    return new Policy(
        bb.getMetadata().getName(), created == null ? null : Instant.parse(created), bb.getSpec());
  }

  private static Map<String, String> labels(Node node) {
    Map<String, String> labels = node.getMetadata().getLabels();
    return labels == null ? Map.of() : labels;
  }
}
