package io.bondbridge.operator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bondbridge.api.v1alpha1.BondBridge;
import io.bondbridge.api.v1alpha1.BondBridgeDrill;
import io.bondbridge.api.v1alpha1.BondBridgeDrillSpec;
import io.bondbridge.api.v1alpha1.BondBridgeDrillStatus;
import io.bondbridge.api.v1alpha1.BondBridgeNode;
import io.bondbridge.api.v1alpha1.DrillPhase;
import io.bondbridge.api.v1alpha1.DrillRequest;
import io.bondbridge.operator.model.DrillProgress;
import io.bondbridge.operator.model.NodeSelection;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs BondBridgeDrills: observe (the drill, the BondBridge's BondBridgeNodes from the informer
 * cache) → decide ({@link DrillProgress}) → act (the {@link DrillRequest} annotation set on one
 * node's BondBridgeNode, removed from a finished one) → report (the drill's status). Steps of all
 * drills run one at a time (they are rare and short), so two drills of one BondBridge never hand
 * out two requests at once. Deleting a drill takes its request back.
 */
public class BondBridgeDrillReconciler
    implements Reconciler<BondBridgeDrill>, Cleaner<BondBridgeDrill> {
  private static final Logger LOG = LoggerFactory.getLogger(BondBridgeDrillReconciler.class);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Clock clock;
  private final Object steps = new Object();
  private volatile InformerEventSource<BondBridgeNode, BondBridgeDrill> children;
  private volatile KubernetesClient client;

  public BondBridgeDrillReconciler(Clock clock) {
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, BondBridgeDrill>> prepareEventSources(
      EventSourceContext<BondBridgeDrill> ctx) {
    client = ctx.getClient();
    var drills = ctx.getPrimaryCache();
    children =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(BondBridgeNode.class, BondBridgeDrill.class)
                .withName("drilled-bondbridgenodes")
                // the agents' reports (status.drill) and the requests; not every status change
                .withOnUpdateFilter(
                    (updated, old) ->
                        !Objects.equals(drillOf(updated), drillOf(old))
                            || !Objects.equals(requestOf(updated), requestOf(old))
                            || !Objects.equals(phaseOf(updated), phaseOf(old)))
                .withSecondaryToPrimaryMapper(
                    child -> {
                      String owner = bondBridgeOf(child);
                      return drills
                          .list(
                              d ->
                                  d.getSpec() != null
                                      && d.getSpec().bondBridge().equals(owner)
                                      && !finished(d))
                          .map(ResourceID::fromResource)
                          .collect(Collectors.toSet());
                    })
                .build(),
            ctx);
    return List.of(children);
  }

  @Override
  public UpdateControl<BondBridgeDrill> reconcile(
      BondBridgeDrill drill, Context<BondBridgeDrill> ctx) {
    BondBridgeDrillSpec spec = drill.getSpec();
    if (spec == null) {
      unreadable(drill, ctx);
      return UpdateControl.noUpdate();
    }
    synchronized (steps) {
      Map<String, BondBridgeNode> objects = childrenOf(spec.bondBridge());
      BondBridgeDrillStatus before = drill.getStatus();
      DrillProgress.Drill what =
          new DrillProgress.Drill(
              drill.getMetadata().getName(), drill.getMetadata().getUid(), spec.methodOrDefault());
      boolean firstStep = before == null || before.nodes() == null;
      List<String> targets = firstStep ? targets(spec, objects.keySet()) : List.of();
      boolean found =
          !firstStep
              || client.resources(BondBridge.class).withName(spec.bondBridge()).get() != null;
      DrillProgress.Step step =
          DrillProgress.next(what, before, targets, views(objects), found, clock.instant());
      for (String node : step.clear()) {
        takeBack(objects.get(node));
      }
      if (step.ask() != null) {
        ask(objects.get(step.ask()), what.request());
        LOG.info("drill {}: {} is drilled now", what.name(), step.ask());
      }
      if (!step.status().equals(before)) {
        BondBridgeNodes.replaceStatus(
            client, BondBridgeDrill.class, drill.getMetadata().getName(), step.status());
        if (step.status().phase().isFinished()) {
          LOG.info("drill {} {}: {}", what.name(), step.status().phase(), step.status().message());
        }
      }
      UpdateControl<BondBridgeDrill> control = UpdateControl.noUpdate();
      return step.lookAgainAfter() == null
          ? control
          : control.rescheduleAfter(step.lookAgainAfter().toMillis());
    }
  }

  /**
   * A spec the API types cannot read (an older, looser CRD let it in): Failed with the reason, no
   * node asked. JOSDK hands reconcile a JSON copy, which cannot carry what failed to read: the
   * informer's own copy does.
   */
  private void unreadable(BondBridgeDrill drill, Context<BondBridgeDrill> ctx) {
    String why =
        ctx.getPrimaryCache().get(ResourceID.fromResource(drill)).stream()
            .flatMap(cached -> cached.readErrors().stream())
            .filter(e -> e.path().startsWith("spec"))
            .findFirst()
            .map(e -> "the spec cannot be read: " + e.describe())
            .orElse("the drill has no spec");
    BondBridgeDrillStatus failed =
        new BondBridgeDrillStatus(
            DrillPhase.Failed, why + "; no node was drilled", null, null, null, null, null);
    if (!failed.equals(drill.getStatus())) {
      LOG.warn("drill {}: {}", drill.getMetadata().getName(), failed.message());
      BondBridgeNodes.replaceStatus(
          client, BondBridgeDrill.class, drill.getMetadata().getName(), failed);
    }
  }

  @Override
  public DeleteControl cleanup(BondBridgeDrill drill, Context<BondBridgeDrill> ctx) {
    if (drill.getSpec() != null) {
      synchronized (steps) {
        childrenOf(drill.getSpec().bondBridge()).values().stream()
            .filter(c -> drill.getMetadata().getUid().equals(uidOf(requestOf(c))))
            .forEach(this::takeBack);
      }
    }
    return DeleteControl.defaultDelete();
  }

  /** The BondBridge's children by node name, as the cache (with our own writes) has them. */
  private Map<String, BondBridgeNode> childrenOf(String bondBridge) {
    Map<String, BondBridgeNode> byNode = new TreeMap<>();
    children
        .list(c -> bondBridge.equals(bondBridgeOf(c)))
        .forEach(c -> byNode.put(BondBridgeNodes.nodeOf(c), c));
    return byNode;
  }

  /** The nodes to drill: those of the BondBridge's whose labels the drill selects, by name. */
  private List<String> targets(BondBridgeDrillSpec spec, Set<String> nodes) {
    if (spec.nodeSelector() == null) {
      return List.copyOf(nodes);
    }
    Map<String, Map<String, String>> labels = new HashMap<>();
    for (Node n : client.nodes().list().getItems()) {
      Map<String, String> l = n.getMetadata().getLabels();
      labels.put(n.getMetadata().getName(), l == null ? Map.of() : l);
    }
    return nodes.stream()
        .filter(n -> NodeSelection.matches(spec.nodeSelector(), labels.getOrDefault(n, Map.of())))
        .toList();
  }

  /** Each child as the rollout sees it ({@link BondBridgeNodes#view}), with its drill parts. */
  private static Map<String, DrillProgress.Child> views(Map<String, BondBridgeNode> objects) {
    Map<String, DrillProgress.Child> views = new LinkedHashMap<>();
    objects.forEach(
        (node, c) -> {
          var seen = BondBridgeNodes.view(c);
          views.put(
              node,
              new DrillProgress.Child(
                  node,
                  seen.phase(),
                  seen.observed(),
                  seen.message(),
                  requestOf(c),
                  c.getStatus() == null ? null : c.getStatus().drill()));
        });
    return views;
  }

  /** Sets the request: a JSON merge patch of that one annotation. */
  private void ask(BondBridgeNode child, DrillRequest request) {
    ObjectNode patch = JSON.createObjectNode();
    patch
        .putObject("metadata")
        .putObject("annotations")
        .put(DrillRequest.ANNOTATION, request.toJson());
    patch(child, PatchType.JSON_MERGE, patch.toString());
  }

  /**
   * Removes this drill's request: a JSON patch that first tests the value, so another drill's
   * request set meanwhile stays (a 422 then, as when it is gone already: nothing to take back).
   */
  private void takeBack(BondBridgeNode child) {
    String value = child.getMetadata().getAnnotations().get(DrillRequest.ANNOTATION);
    String path =
        "/metadata/annotations/" + DrillRequest.ANNOTATION.replace("~", "~0").replace("/", "~1");
    ArrayNode patch = JSON.createArrayNode();
    patch.addObject().put("op", "test").put("path", path).put("value", value);
    patch.addObject().put("op", "remove").put("path", path);
    patch(child, PatchType.JSON, patch.toString());
  }

  private void patch(BondBridgeNode child, PatchType type, String patch) {
    try {
      BondBridgeNode updated =
          client
              .resources(BondBridgeNode.class)
              .withName(child.getMetadata().getName())
              .patch(PatchContext.of(type), patch);
      children.handleRecentResourceUpdate(ResourceID.fromResource(updated), updated, child);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404 && e.getCode() != 422) {
        throw e; // JOSDK retries the step
      }
    }
  }

  private static boolean finished(BondBridgeDrill d) {
    return d.getStatus() != null
        && d.getStatus().phase() != null
        && d.getStatus().phase().isFinished();
  }

  private static String bondBridgeOf(BondBridgeNode child) {
    Map<String, String> labels = child.getMetadata().getLabels();
    return labels == null ? null : labels.get(BondBridgeNode.POLICY_LABEL);
  }

  private static DrillRequest requestOf(BondBridgeNode child) {
    try {
      return DrillRequest.on(child.getMetadata().getAnnotations()).orElse(null);
    } catch (IllegalArgumentException e) {
      return null; // not one of ours: edited by hand
    }
  }

  private static String uidOf(DrillRequest request) {
    return request == null ? null : request.uid();
  }

  private static Object drillOf(BondBridgeNode child) {
    return child.getStatus() == null ? null : child.getStatus().drill();
  }

  private static Object phaseOf(BondBridgeNode child) {
    return child.getStatus() == null ? null : child.getStatus().phase();
  }
}
