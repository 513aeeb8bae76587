package io.bondbridge.operator;

import static io.bondbridge.operator.testing.Specs.bondBridge;
import static io.bondbridge.operator.testing.Specs.labelled;
import static io.bondbridge.operator.testing.Specs.spec;
import static io.bondbridge.operator.testing.Specs.withBridge;
import static io.bondbridge.operator.testing.Waits.converged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bondbridge.api.v1alpha1.BondBridge;
import io.bondbridge.api.v1alpha1.BondBridgeNode;
import io.bondbridge.api.v1alpha1.Bridge;
import io.bondbridge.operator.OperatorSettings.LeaseTimings;
import io.bondbridge.operator.testing.MockCluster;
import io.bondbridge.operator.testing.Waits;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of the real operator, as the chart runs them, with leader election on one Lease:
 * only the holder of the Lease reconciles; the other stands by and writes nothing, not even when
 * the leader is stuck, for as long as the leader keeps renewing; when the leader stops, the other
 * takes the Lease once it has expired and carries on with everything, old and new.
 *
 * <p>Who wrote what is read from each replica's own HTTP client (an interceptor records every write
 * it sends), not guessed from the cluster's state. Against the fabric8 mock API server in CRUD
 * mode, which stores Leases and answers a stale resourceVersion with 409 (what the election relies
 * on). Its one gap: JOSDK checks its access to Leases with a SelfSubjectRulesReview first, which
 * the mock cannot answer; {@link MockCluster#allowLeases()} stubs it. Both replicas run in this
 * JVM, so each is given its own Lease identity (JOSDK takes HOSTNAME, the pod name, by default) and
 * {@code exitOnStopLeading=false} (else JOSDK calls System.exit when a replica stops leading).
 */
class LeaderElectionTest {
  private static final String LEASE = OperatorSettings.DEFAULT_LEASE_NAME;
  private static final String NAMESPACE = "bondbridge-system";
  // short, but not so short that a loaded machine misses a renewal (3 s of retries, every 0.5 s)
  private static final LeaseTimings TIMINGS =
      new LeaseTimings(Duration.ofSeconds(4), Duration.ofSeconds(3), Duration.ofMillis(500));
  private static final Duration LONG = Duration.ofSeconds(30);

  private MockCluster cluster;

  @BeforeEach
  void start() {
    cluster = MockCluster.start();
    cluster.allowLeases();
    cluster.startAgents();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  /** One operator process: its client records its writes; frozen, it cannot write but the Lease. */
  private static final class Replica implements Interceptor {
    final String identity;
    final List<String> writes = new CopyOnWriteArrayList<>();
    final AtomicInteger refused = new AtomicInteger();
    volatile boolean frozen;
    BondBridgeOperator operator;

    Replica(String identity) {
      this.identity = identity;
    }

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
      String path = request.uri().getPath();
      if ("GET".equals(request.method()) || path.startsWith("/apis/authorization.k8s.io/")) {
        return; // reads, watches, and the access review at start: no state changed
      }
      if (frozen && !isLease(path)) {
        refused.incrementAndGet();
        throw new KubernetesClientException("frozen by the test: " + request.method() + " " + path);
      }
      writes.add(request.method() + " " + path);
    }

    List<String> writesOtherThanTheLease() {
      return writes.stream().filter(w -> !isLease(w.substring(w.indexOf(' ') + 1))).toList();
    }

    static boolean isLease(String path) {
      return path.startsWith("/apis/coordination.k8s.io/");
    }
  }

  private Replica replica(String identity) {
    Replica r = new Replica(identity);
    r.operator =
        cluster.startOperator(
            cluster.newClient(r),
            OperatorSettings.defaults()
                .withLeaderElection(LEASE, NAMESPACE, identity, TIMINGS, false));
    return r;
  }

  private Lease lease() {
    return cluster.client().resources(Lease.class).inNamespace(NAMESPACE).withName(LEASE).get();
  }

  private String holder() {
    Lease lease = lease();
    return lease == null ? null : lease.getSpec().getHolderIdentity();
  }

  private int transitions() {
    return lease().getSpec().getLeaseTransitions();
  }

  private void editBridge(String name, String bridge) {
    cluster.editSpec(name, spec -> withBridge(spec, Bridge.named(bridge)));
  }

  private boolean childrenStillOn(String name, long generation) {
    BondBridge bb = cluster.bondBridge(name);
    List<BondBridgeNode> children = cluster.children(name);
    return bb.getStatus().observedGeneration() == generation
        && !children.isEmpty()
        && children.stream().allMatch(c -> c.getSpec().bondBridgeGeneration() == generation);
  }

  @Test
  void onlyTheLeaseHolderReconcilesAndTheStandbyTakesOverWhenItStops() {
    for (String n : List.of("a", "b", "c")) {
      cluster.addNode(n, Map.of("uplink", "first"));
    }
    for (String n : List.of("d", "e")) {
      cluster.addNode(n, Map.of("uplink", "second"));
    }

    // replica a comes up first and takes the Lease; replica b comes up and stands by
    Replica a = replica("replica-a");
    Waits.until(cluster, () -> "replica-a".equals(holder()));
    Replica b = replica("replica-b");
    Waits.until(cluster, b.operator::isAlive);

    // a BondBridge is reconciled: by the leader alone
    cluster.create(bondBridge("first", spec(labelled("uplink", "first"), "100%")));
    Waits.until(cluster, () -> converged(cluster, "first", 3));
    assertThat(holder()).isEqualTo("replica-a");
    assertThat(transitions()).isZero();
    assertThat(a.writesOtherThanTheLease())
        .anyMatch(w -> w.startsWith("POST ") && w.contains("/bondbridgenodes"));
    assertThat(b.writes).as("the standby's writes").isEmpty();

    // the leader's reconciliation path stops (every write but the Lease's fails) while it keeps
    // renewing the Lease: an edit is seen by the leader, which cannot act, and nobody else acts,
    // not even after the lease duration has passed several times over
    a.frozen = true;
    editBridge("first", "br1");
    Waits.until(cluster, () -> a.refused.get() > 0);
    try {
      await()
          .during(TIMINGS.duration().multipliedBy(3).dividedBy(2))
          .atMost(LONG)
          .until(
              () ->
                  childrenStillOn("first", 1)
                      && "replica-a".equals(holder())
                      && b.writes.isEmpty());
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(
          "while the leader holds the Lease, nothing may change; standby wrote "
              + b.writes
              + "\n"
              + cluster.dump(),
          e);
    }

    // the leader stops: JOSDK does not release the Lease on stop, so b takes it once it expired,
    // and then carries on: the edit made before the hand-over, a BondBridge created after it and
    // an edit after it
    a.operator.stop();
    int writtenByA = a.writes.size();
    assertThat(b.writes).as("the standby's writes before the leader stopped").isEmpty();
    Waits.until(cluster, () -> "replica-b".equals(holder()));
    assertThat(transitions()).isEqualTo(1);
    Waits.until(cluster, () -> converged(cluster, "first", 3));
    assertThat(cluster.children("first")).allMatch(c -> "br1".equals(c.getSpec().bridge().name()));

    cluster.create(bondBridge("second", spec(labelled("uplink", "second"), "100%")));
    Waits.until(cluster, () -> converged(cluster, "second", 2));
    editBridge("second", "br2");
    Waits.until(cluster, () -> converged(cluster, "second", 2));
    assertThat(cluster.bondBridge("second").getMetadata().getGeneration()).isEqualTo(2);
    assertThat(cluster.children("second")).allMatch(c -> "br2".equals(c.getSpec().bridge().name()));

    // b's first write of all was taking the Lease; a, stopped, wrote nothing more
    assertThat(b.writes.get(0))
        .as("b's first write")
        .matches(
            "(PUT|PATCH) /apis/coordination\\.k8s\\.io/v1/namespaces/"
                + NAMESPACE
                + "/leases/"
                + LEASE);
    assertThat(b.writesOtherThanTheLease()).isNotEmpty();
    assertThat(a.writes).hasSize(writtenByA);
    assertThat(holder()).isEqualTo("replica-b");
  }
}
