package io.bondbridge.operator;

import io.bondbridge.api.v1alpha1.Phase;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/**
 * The BondBridge operator, ready to start: the JOSDK {@link Operator} with our reconciler, metrics
 * and (optionally) leader election. {@link OperatorMain} runs it; the tests run it in-process.
 */
public final class BondBridgeOperator implements AutoCloseable {
  private final Operator operator;
  private final BondBridgeReconciler reconciler;

  public BondBridgeOperator(
      KubernetesClient client, OperatorSettings settings, MeterRegistry registry, Clock clock) {
    this.reconciler = new BondBridgeReconciler(settings, clock);
    this.operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client)
                  // a JSON patch of the status: works on every API server (and the test mock)
                  .withUseSSAToPatchPrimaryResource(false)
                  .withCloseClientOnStop(false)
                  .withConcurrentReconciliationThreads(settings.reconcileThreads())
                  .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry));
              if (settings.leaderElection()) {
                o.withLeaderElectionConfiguration(
                    LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(
                            settings.leaseName())
                        .withLeaseNamespace(settings.leaseNamespace())
                        .withIdentity(settings.leaseIdentity())
                        .withLeaseDuration(settings.leaseTimings().duration())
                        .withRenewDeadline(settings.leaseTimings().renewDeadline())
                        .withRetryPeriod(settings.leaseTimings().retryPeriod())
                        // a replica that loses the lease stops; the Deployment restarts it
                        .withExitOnStopLeading(settings.exitOnStopLeading())
                        .build());
              }
            });
    operator.register(reconciler, c -> c.withName("bondbridge"));
    for (Phase phase : Phase.values()) {
      Gauge.builder("bondbridge.nodes", reconciler, r -> r.nodesInPhase(phase.name()))
          .description("BondBridgeNodes by phase (Pending: not picked up by an agent yet)")
          .tag("phase", phase.name())
          .register(registry);
    }
  }

  public void start() {
    operator.start();
  }

  /** Started and every watch healthy (JOSDK reports a standby replica as started too). */
  public boolean isReady() {
    var info = operator.getRuntimeInfo();
    return info.isStarted() && info.allEventSourcesAreHealthy();
  }

  /** The process works: the watches are healthy (a standby replica is alive, just not ready). */
  public boolean isAlive() {
    return operator.getRuntimeInfo().allEventSourcesAreHealthy();
  }

  public void stop() {
    operator.stop();
  }

  @Override
  public void close() {
    stop();
  }
}
