package io.bondbridge.operator;

import static io.bondbridge.operator.testing.Specs.bondBridge;
import static io.bondbridge.operator.testing.Specs.labelled;
import static io.bondbridge.operator.testing.Specs.spec;

import io.bondbridge.api.v1alpha1.BondBridge;
import io.bondbridge.api.v1alpha1.BondBridgeNode;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatus;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatusBuilder;
import io.bondbridge.api.v1alpha1.NodeResolution;
import io.bondbridge.api.v1alpha1.Phase;
import io.bondbridge.operator.testing.MockCluster;
import io.bondbridge.operator.testing.SimulatedAgents;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prints figures, asserts nothing; not part of the test run (no *Test name). 1000 simulated nodes,
 * one BondBridge, maxUnavailable 100% and 10%, agents answering at once. Beside it the floor: the
 * same creates and status patches done in a plain loop with the same kind of client. Run:
 *
 * <pre>
 * mvn -B -pl operator test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.bondbridge.operator.RolloutBenchmark [-Dexec.args=1000]
 * </pre>
 */
public final class RolloutBenchmark {
  public static void main(String[] args) throws Exception {
    int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    System.out.printf(
        "BondBridge rollout benchmark: %d nodes, %d CPUs, max heap %d MiB%n",
        nodes, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
    double floor = floor(nodes);
    for (String maxUnavailable : List.of("100%", "10%")) {
      run(nodes, maxUnavailable, floor);
    }
    System.exit(0);
  }

  private static void run(int n, String maxUnavailable, double floorSeconds) throws Exception {
    try (MockCluster cluster = MockCluster.start()) {
      for (int i = 0; i < n; i++) {
        cluster.addNode(String.format("node-%04d", i), Map.of("uplink", "yes"));
      }
      SimulatedAgents agents = cluster.startAgents().applyTime(Duration.ZERO);
      AtomicLong operatorRequests = new AtomicLong();
      KubernetesClient operatorClient = cluster.newCountingClient(operatorRequests);
      BondBridgeOperator operator =
          new BondBridgeOperator(
              operatorClient,
              OperatorSettings.defaults(),
              new SimpleMeterRegistry(),
              Clock.systemUTC());
      operator.start();
      gc();
      long heapBefore = heapUsed();
      long requestsBefore = operatorRequests.get();
      int serverBefore = cluster.requestCount();

      long start = System.nanoTime();
      cluster.create(bondBridge("uplink", spec(labelled("uplink", "yes"), maxUnavailable)));
      String want = n + "/" + n;
      while (true) {
        BondBridge bb = cluster.bondBridge("uplink");
        if (bb.getStatus() != null && want.equals(bb.getStatus().ready())) {
          break;
        }
        Thread.sleep(20);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long peakish = heapUsed();
      gc();
      long heapAfter = heapUsed();
      long opRequests = operatorRequests.get() - requestsBefore;
      int allRequests = cluster.requestCount() - serverBefore;
      System.out.printf(
          "maxUnavailable %-4s: create→Ready %.2f s (floor %.2f s, ratio %.1fx); operator API requests"
              + " %d = %.2f per node; all clients %d = %.2f per node; heap used (whole JVM: mock server,"
              + " agents, operator) before %d MiB, at Ready %d MiB, after GC %d MiB%n",
          maxUnavailable,
          seconds,
          floorSeconds,
          seconds / floorSeconds,
          opRequests,
          (double) opRequests / n,
          allRequests,
          (double) allRequests / n,
          heapBefore >> 20,
          peakish >> 20,
          heapAfter >> 20);
      operator.stop();
      agents.close();
    }
  }

  /** The same creates and one status patch per node, sequentially, no operator, no agents. */
  private static double floor(int n) {
    try (MockCluster cluster = MockCluster.start()) {
      cluster.create(bondBridge("uplink", spec(labelled("uplink", "yes"), "100%")));
      AtomicLong requests = new AtomicLong();
      KubernetesClient client = cluster.newCountingClient(requests);
      BondBridge bb = cluster.bondBridge("uplink");
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        String node = String.format("node-%04d", i);
        BondBridgeNodeSpec spec =
            NodeResolution.resolve("uplink", 1L, bb.getSpec(), node, Map.of());
        BondBridgeNode child = new BondBridgeNode();
        child.getMetadata().setName("uplink." + node);
        child
            .getMetadata()
            .setLabels(
                Map.of(BondBridgeNode.NODE_LABEL, node, BondBridgeNode.POLICY_LABEL, "uplink"));
        child.setSpec(spec);
        client.resource(child).create();
        BondBridgeNodeStatus status =
            new BondBridgeNodeStatusBuilder()
                .withPhase(Phase.Ready)
                .withObservedGeneration(1L)
                .build();
        client
            .resources(BondBridgeNode.class)
            .withName("uplink." + node)
            .subresource("status")
            .patch(
                PatchContext.of(PatchType.JSON),
                Serialization.asJson(
                    List.of(Map.of("op", "add", "path", "/status", "value", status))));
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "floor: %d creates + %d status patches in a loop: %.2f s (%d requests)%n",
          n, n, seconds, requests.get());
      return seconds;
    }
  }

  private static void gc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
  }

  private static long heapUsed() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
