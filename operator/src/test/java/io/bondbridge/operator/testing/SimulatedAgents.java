package io.bondbridge.operator.testing;

import io.bondbridge.api.v1alpha1.BondBridgeNode;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatus;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatusBuilder;
import io.bondbridge.api.v1alpha1.CleanupPolicy;
import io.bondbridge.api.v1alpha1.Phase;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A FAKE of the node agents, for operator tests only: it touches no host. It watches every
 * BondBridgeNode and, for each node that has an agent, does what the real agent's contract says:
 * adds the {@code bondbridge.io/agent} finalizer, reports Applying and then Ready (or Failed, as
 * the test commands) with status.observedGeneration = the generation it acted on, and on deletion
 * reports TearingDown (cleanup Restore) and removes its finalizer. Nodes can be left without an
 * agent (to provoke NoAgent) or made to fail.
 */
public final class SimulatedAgents implements AutoCloseable {
  public static final String FINALIZER = BondBridgeNode.AGENT_FINALIZER;

  /** What the agent on one node does with a new spec. */
  public enum Behaviour {
    SUCCEED,
    FAIL,
    DEGRADE,
    ABSENT
  }

  private final KubernetesClient client;
  private final SharedIndexInformer<BondBridgeNode> informer;
  private final ExecutorService[] lanes;
  private final Map<String, Behaviour> behaviour = new ConcurrentHashMap<>();
  private final Map<String, Long> handled = new ConcurrentHashMap<>();
  private final Set<String> tornDown = ConcurrentHashMap.newKeySet();
  private final Set<String> letGo = ConcurrentHashMap.newKeySet();
  private volatile Duration applyTime = Duration.ofMillis(150);

  SimulatedAgents(KubernetesClient client) {
    this.client = client;
    this.lanes = new ExecutorService[4];
    for (int i = 0; i < lanes.length; i++) {
      lanes[i] = Executors.newSingleThreadExecutor();
    }
    informer =
        client
            .resources(BondBridgeNode.class)
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(BondBridgeNode obj) {
                    seen(obj);
                  }

                  @Override
                  public void onUpdate(BondBridgeNode oldObj, BondBridgeNode newObj) {
                    seen(newObj);
                  }

                  @Override
                  public void onDelete(BondBridgeNode obj, boolean deletedFinalStateUnknown) {}
                });
  }

  /** How long "applying" takes; zero for agents that answer at once (the benchmark). */
  public SimulatedAgents applyTime(Duration d) {
    applyTime = d;
    return this;
  }

  public void behave(String node, Behaviour b) {
    behaviour.put(node, b);
  }

  /** BondBridgeNode names whose teardown the agents ran (cleanup Restore). */
  public Set<String> tornDown() {
    return tornDown;
  }

  /** BondBridgeNode names the agents let go without teardown (cleanup Orphan). */
  public Set<String> letGo() {
    return letGo;
  }

  /** Re-examine every child, e.g. after a node's behaviour changed (an agent restarted). */
  public void resync() {
    handled.clear();
    informer.getStore().list().forEach(this::seen);
  }

  private Behaviour of(String node) {
    return behaviour.getOrDefault(node, Behaviour.SUCCEED);
  }

  private void seen(BondBridgeNode child) {
    String node = child.getSpec() == null ? null : child.getSpec().node();
    if (node == null || of(node) == Behaviour.ABSENT) {
      return;
    }
    String name = child.getMetadata().getName();
    if (child.isMarkedForDeletion()) {
      if (child.getMetadata().getFinalizers().contains(FINALIZER)) {
        lane(name).execute(() -> release(child));
      }
      return;
    }
    long generation = child.getMetadata().getGeneration();
    Long before = handled.put(name, generation);
    if (before != null && before >= generation) {
      handled.put(name, before);
      return;
    }
    lane(name).execute(() -> apply(name, node, generation));
  }

  private ExecutorService lane(String name) {
    return lanes[Math.floorMod(name.hashCode(), lanes.length)];
  }

  private void apply(String name, String node, long generation) {
    try {
      BondBridgeNode current = client.resources(BondBridgeNode.class).withName(name).get();
      if (current == null || current.isMarkedForDeletion()) {
        return;
      }
      if (!current.getMetadata().getFinalizers().contains(FINALIZER)) {
        List<String> finalizers = new ArrayList<>(current.getMetadata().getFinalizers());
        finalizers.add(FINALIZER);
        replaceFinalizers(name, current.getMetadata().getFinalizers(), finalizers);
      }
      status(name, new Status(Phase.Applying, generation, null, "applying"));
      if (!applyTime.isZero()) {
        Thread.sleep(applyTime.toMillis());
      }
      Behaviour b = of(node);
      Status result =
          switch (b) {
            case FAIL -> new Status(Phase.Failed, generation, "PortNotFound", "eth9 not found");
            case DEGRADE -> new Status(Phase.Degraded, generation, "PortDown", "eth1 is down");
            default -> new Status(Phase.Ready, generation, null, "applied");
          };
      if (b != Behaviour.ABSENT) {
        status(name, result);
      }
    } catch (KubernetesClientException e) {
      // deleted meanwhile: nothing to report
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void release(BondBridgeNode child) {
    String name = child.getMetadata().getName();
    try {
      if (child.getSpec().cleanup() == CleanupPolicy.Orphan) {
        letGo.add(name);
      } else {
        status(
            name,
            new Status(
                Phase.TearingDown, child.getMetadata().getGeneration(), null, "tearing down"));
        tornDown.add(name);
      }
      List<String> finalizers = new ArrayList<>(child.getMetadata().getFinalizers());
      finalizers.remove(FINALIZER);
      replaceFinalizers(name, child.getMetadata().getFinalizers(), finalizers);
    } catch (KubernetesClientException e) {
      // already gone
    }
  }

  private record Status(Phase phase, long generation, String reason, String message) {}

  private void status(String name, Status s) {
    BondBridgeNodeStatus status =
        new BondBridgeNodeStatusBuilder()
            .withPhase(s.phase())
            .withObservedGeneration(s.generation())
            .withMessage(s.message())
            .withReason(s.reason())
            .build();
    String patch =
        Serialization.asJson(List.of(Map.of("op", "add", "path", "/status", "value", status)));
    client
        .resources(BondBridgeNode.class)
        .withName(name)
        .subresource("status")
        .patch(PatchContext.of(PatchType.JSON), patch);
  }

  /** A JSON patch: the mock API ignores a merge patch that empties a list. */
  private void replaceFinalizers(String name, List<String> before, List<String> after) {
    // an empty list is not stored: then there is nothing to test, just add the field
    String patch =
        Serialization.asJson(
            before.isEmpty()
                ? List.of(Map.of("op", "add", "path", "/metadata/finalizers", "value", after))
                : List.of(
                    Map.of("op", "test", "path", "/metadata/finalizers", "value", before),
                    Map.of("op", "replace", "path", "/metadata/finalizers", "value", after)));
    client
        .resources(BondBridgeNode.class)
        .withName(name)
        .patch(PatchContext.of(PatchType.JSON), patch);
  }

  @Override
  public void close() {
    informer.close();
    for (ExecutorService lane : lanes) {
      lane.shutdownNow();
      try {
        lane.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
