package io.bondbridge.operator.testing;

import io.bondbridge.api.v1alpha1.BondBridgeNode;
import io.bondbridge.api.v1alpha1.Phase;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches one BondBridge's BondBridgeNodes and remembers the largest number that were unavailable
 * at once (handed a spec their agent has not reported Ready or Degraded on: Pending, Applying,
 * Failed, ...), as seen in the order the API server reports the changes.
 */
public final class RolloutObserver implements AutoCloseable {
  private final SharedIndexInformer<BondBridgeNode> informer;
  private final Map<String, BondBridgeNode> latest = new ConcurrentHashMap<>();
  private int max;

  public RolloutObserver(KubernetesClient client, String bondBridge) {
    informer =
        client
            .resources(BondBridgeNode.class)
            .withLabel(BondBridgeNode.POLICY_LABEL, bondBridge)
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(BondBridgeNode obj) {
                    seen(obj, false);
                  }

                  @Override
                  public void onUpdate(BondBridgeNode oldObj, BondBridgeNode newObj) {
                    seen(newObj, false);
                  }

                  @Override
                  public void onDelete(BondBridgeNode obj, boolean unknown) {
                    seen(obj, true);
                  }
                });
  }

  private synchronized void seen(BondBridgeNode child, boolean deleted) {
    if (deleted || child.isMarkedForDeletion()) {
      latest.remove(child.getMetadata().getName());
    } else {
      latest.put(child.getMetadata().getName(), child);
    }
    max = Math.max(max, unavailableNow());
  }

  public synchronized int unavailableNow() {
    return (int) latest.values().stream().filter(RolloutObserver::unavailable).count();
  }

  public synchronized int maxUnavailable() {
    return max;
  }

  public static boolean unavailable(BondBridgeNode c) {
    var s = c.getStatus();
    boolean done =
        s != null
            && s.observedGeneration() != null
            && s.observedGeneration().equals(c.getMetadata().getGeneration())
            && (s.phase() == Phase.Ready || s.phase() == Phase.Degraded);
    return !done;
  }

  @Override
  public void close() {
    informer.close();
  }
}
