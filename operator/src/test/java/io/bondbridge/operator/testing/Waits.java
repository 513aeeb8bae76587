package io.bondbridge.operator.testing;

import io.bondbridge.api.v1alpha1.BondBridge;
import io.bondbridge.api.v1alpha1.BondBridgeNode;
import io.bondbridge.api.v1alpha1.Phase;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Optional;

/** Reading a BondBridge's outcome in tests. */
public final class Waits {
  private Waits() {}

  /** Awaits the condition (30 s at most); on timeout, fails with every object in the message. */
  public static void until(MockCluster cluster, java.util.concurrent.Callable<Boolean> condition) {
    try {
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(condition);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(e.getMessage() + "\n" + cluster.dump(), e);
    }
  }

  public static String ready(MockCluster cluster, String name) {
    BondBridge bb = cluster.bondBridge(name);
    return bb == null || bb.getStatus() == null ? null : bb.getStatus().ready();
  }

  public static Optional<Condition> condition(MockCluster cluster, String name, String type) {
    BondBridge bb = cluster.bondBridge(name);
    if (bb == null || bb.getStatus() == null || bb.getStatus().conditions() == null) {
      return Optional.empty();
    }
    return bb.getStatus().conditions().stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  public static boolean conditionIs(MockCluster cluster, String name, String type, String status) {
    return condition(cluster, name, type).map(c -> status.equals(c.getStatus())).orElse(false);
  }

  /** Every child Ready on the BondBridge's current generation, and the status says so. */
  public static boolean converged(MockCluster cluster, String name, int nodes) {
    BondBridge bb = cluster.bondBridge(name);
    if (bb == null || bb.getStatus() == null) {
      return false;
    }
    long generation = bb.getMetadata().getGeneration();
    List<BondBridgeNode> children = cluster.children(name);
    return bb.getStatus().observedGeneration() == generation
        && (nodes + "/" + nodes).equals(bb.getStatus().ready())
        && children.size() == nodes
        && children.stream()
            .allMatch(
                c ->
                    c.getSpec().bondBridgeGeneration() == generation
                        && c.getStatus() != null
                        && c.getStatus().phase() == Phase.Ready
                        && c.getStatus()
                            .observedGeneration()
                            .equals(c.getMetadata().getGeneration()));
  }
}
