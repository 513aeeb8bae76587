package io.bondbridge.operator;

import io.bondbridge.api.v1alpha1.BondBridge;
import io.bondbridge.api.v1alpha1.BondBridgeNode;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.BondBridgeStatus;
import io.bondbridge.api.v1alpha1.Phase;
import io.bondbridge.api.v1alpha1.ReadError;
import io.bondbridge.operator.model.Child;
import io.bondbridge.operator.model.ChildNames;
import io.bondbridge.operator.model.NodeState;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.net.HttpURLConnection;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The writes the operator makes to BondBridgeNodes (the hand-off to the agents), each reflected at
 * once in the informer's cache so the next reconcile sees it even before the watch does — the
 * rollout's counting depends on that.
 */
final class BondBridgeNodes {
  /** When the operator last handed a new spec over: the start of the NoAgent timeout. */
  static final String HANDED_OVER_AT = "bondbridge.io/handed-over-at";

  private final KubernetesClient client;
  private final InformerEventSource<BondBridgeNode, BondBridge> cache;

  BondBridgeNodes(KubernetesClient client, InformerEventSource<BondBridgeNode, BondBridge> cache) {
    this.client = client;
    this.cache = cache;
  }

  /**
   * Creates the node's BondBridgeNode, or says why the API server refused it (the node then counts
   * as failed with that reason). A 409 for an object that is ours is our own earlier create that
   * the watch has not shown yet; a 409 for another owner's object, a 422 or a 403 is reported,
   * never swallowed. Anything else (the API server away, a 5xx) is thrown: JOSDK retries.
   */
  Optional<NodeState> create(BondBridge owner, BondBridgeNodeSpec spec, Instant now) {
    String name = ChildNames.of(owner.getMetadata().getName(), spec.node());
    BondBridgeNode child = new BondBridgeNode();
    child.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .addToLabels(BondBridgeNode.NODE_LABEL, BondBridgeNode.nodeLabel(spec.node()))
            .addToLabels(BondBridgeNode.POLICY_LABEL, owner.getMetadata().getName())
            .addToAnnotations(HANDED_OVER_AT, now.toString())
            .withOwnerReferences(
                new OwnerReferenceBuilder()
                    .withApiVersion(owner.getApiVersion())
                    .withKind(owner.getKind())
                    .withName(owner.getMetadata().getName())
                    .withUid(owner.getMetadata().getUid())
                    .withController(true)
                    .withBlockOwnerDeletion(true)
                    .build())
            .build());
    child.setSpec(spec);
    try {
      BondBridgeNode created = client.resource(child).create();
      cache.handleRecentResourceCreate(ResourceID.fromResource(created), created);
      return Optional.empty();
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        return nameTaken(owner, spec.node(), name);
      }
      if (e.getCode() < 400 || e.getCode() >= 500) {
        throw e;
      }
      String why = e.getStatus() != null ? e.getStatus().getMessage() : e.getMessage();
      return Optional.of(
          failed(
              spec.node(),
              "CreateRefused",
              "the API server refused BondBridgeNode " + name + " (" + e.getCode() + "): " + why));
    }
  }

  private Optional<NodeState> nameTaken(BondBridge owner, String node, String name) {
    BondBridgeNode holder = client.resources(BondBridgeNode.class).withName(name).get();
    if (holder == null) {
      return Optional.empty(); // gone meanwhile: the next reconcile creates it
    }
    String holderOwner = holder.getMetadata().getLabels().get(BondBridgeNode.POLICY_LABEL);
    if (owner.getMetadata().getName().equals(holderOwner) && node.equals(nodeOf(holder))) {
      // our own earlier create that the watch has not shown yet: it will, and trigger a reconcile
      return Optional.empty();
    }
    return Optional.of(
        failed(
            node,
            "NameTaken",
            "BondBridgeNode "
                + name
                + " already exists for BondBridge "
                + holderOwner
                + " on node "
                + nodeOf(holder)));
  }

  private static NodeState failed(String node, String reason, String message) {
    return new NodeState(node, NodeState.Health.FAILED, true, reason, message);
  }

  /** A JSON patch from the cached child: spec and hand-over time only, never the agent's status. */
  void update(BondBridgeNode current, BondBridgeNodeSpec spec, Instant now) {
    BondBridgeNode changed = Serialization.clone(current);
    changed.setSpec(spec);
    changed.getMetadata().getAnnotations().put(HANDED_OVER_AT, now.toString());
    // fabric8 clears the resourceVersion of the patch base: never hand it the cached object
    BondBridgeNode base = Serialization.clone(current);
    BondBridgeNode updated = client.resource(base).patch(PatchContext.of(PatchType.JSON), changed);
    cache.handleRecentResourceUpdate(ResourceID.fromResource(updated), updated, current);
  }

  void writeStatus(String name, BondBridgeStatus status) {
    replaceStatus(client, BondBridge.class, name, status);
  }

  /**
   * Replaces the whole status of an object of ours in one JSON patch operation. Not JOSDK's status
   * patch: without SSA that is a JSON patch diffed against the cached copy, whose list-index
   * operations (failedNodes, conditions, a drill's nodes) hit the wrong entry, or none, when the
   * cache is behind. Our statuses are derived afresh each reconcile, so writing all of it is always
   * right.
   */
  static <T extends HasMetadata> void replaceStatus(
      KubernetesClient client, Class<T> kind, String name, Object status) {
    String patch =
        Serialization.asJson(List.of(Map.of("op", "add", "path", "/status", "value", status)));
    client
        .resources(kind)
        .withName(name)
        .subresource("status")
        .patch(PatchContext.of(PatchType.JSON), patch);
  }

  void delete(BondBridgeNode child) {
    client.resources(BondBridgeNode.class).withName(child.getMetadata().getName()).delete();
  }

  /**
   * For a node that is gone: no agent will ever come to remove its finalizer. A JSON patch that
   * tests the list it replaces, so a concurrent change makes it fail rather than clobber.
   */
  void releaseAgentFinalizer(BondBridgeNode child) {
    List<String> before = child.getMetadata().getFinalizers();
    List<String> after = new ArrayList<>(before);
    if (!after.remove(BondBridgeNode.AGENT_FINALIZER)) {
      return;
    }
    String patch =
        Serialization.asJson(
            List.of(
                Map.of("op", "test", "path", "/metadata/finalizers", "value", before),
                Map.of("op", "replace", "path", "/metadata/finalizers", "value", after)));
    client
        .resources(BondBridgeNode.class)
        .withName(child.getMetadata().getName())
        .patch(PatchContext.of(PatchType.JSON), patch);
  }

  static String nodeOf(BondBridgeNode child) {
    // the label may be a cut name (BondBridgeNode.nodeLabel): the spec has the whole one
    if (child.getSpec() != null && child.getSpec().node() != null) {
      return child.getSpec().node();
    }
    return child.getMetadata().getLabels().get(BondBridgeNode.NODE_LABEL);
  }

  static Child view(BondBridgeNode child) {
    var status = child.getStatus();
    Long generation = child.getMetadata().getGeneration();
    Optional<ReadError> unreadable =
        child.readErrors().stream().filter(e -> e.path().startsWith("status")).findFirst();
    if (unreadable.isPresent()) {
      // what the agent reported cannot be read: the node's state is unknown, so it counts as failed
      return new Child(
          nodeOf(child),
          child.getSpec(),
          generation == null ? 1 : generation,
          generation == null ? 1 : generation,
          Phase.Failed,
          "InvalidStatus",
          "its status cannot be read: " + unreadable.get().describe(),
          handedOverAt(child),
          child.isMarkedForDeletion());
    }
    return new Child(
        nodeOf(child),
        child.getSpec(),
        generation == null ? 1 : generation,
        status == null ? null : status.observedGeneration(),
        status == null ? null : status.phase(),
        status == null ? null : status.reason(),
        status == null ? null : status.message(),
        handedOverAt(child),
        child.isMarkedForDeletion());
  }

  private static Instant handedOverAt(BondBridgeNode child) {
    String at = child.getMetadata().getAnnotations().get(HANDED_OVER_AT);
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
