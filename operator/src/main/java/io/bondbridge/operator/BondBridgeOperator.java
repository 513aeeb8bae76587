package io.bondbridge.operator;

import io.bondbridge.api.v1alpha1.Phase;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The BondBridge operator, ready to start: the JOSDK {@link Operator} with our reconciler, metrics
 * and (optionally) leader election. {@link OperatorMain} runs it; the tests run it in-process.
 */
public final class BondBridgeOperator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BondBridgeOperator.class);

  private final Operator operator;
  private final BondBridgeReconciler reconciler;
  private final Counter stoppedWatches;
  private volatile boolean watchStopped;

  public BondBridgeOperator(
      KubernetesClient client, OperatorSettings settings, MeterRegistry registry, Clock clock) {
    this.reconciler = new BondBridgeReconciler(settings, clock);
    this.stoppedWatches =
        Counter.builder("bondbridge.operator.watch.stopped")
            .description("Watches that stopped with an error (then /healthz fails)")
            .register(registry);
    this.operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client)
                  // a JSON patch of the status: works on every API server (and the test mock)
                  .withUseSSAToPatchPrimaryResource(false)
                  .withCloseClientOnStop(false)
                  .withConcurrentReconciliationThreads(settings.reconcileThreads())
                  .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry))
                  // JOSDK's default exits the process when a watch stops with an error; we keep
                  // serving what still works and let /healthz fail, so the kubelet restarts us.
                  // (A bad object no longer stops a watch: the API types read leniently.) An
                  // informer that cannot start still fails the start
                  // (stopOnInformerErrorDuringStartup
                  // stays on): reconciling against empty caches would delete every child.
                  .withInformerStoppedHandler(this::watchStopped);
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
    operator.register(new BondBridgeDrillReconciler(clock), c -> c.withName("bondbridgedrill"));
    for (Phase phase : Phase.values()) {
      Gauge.builder("bondbridge.nodes", reconciler, r -> r.nodesInPhase(phase.name()))
          .description("BondBridgeNodes by phase (Pending: not picked up by an agent yet)")
          .tag("phase", phase.name())
          .register(registry);
    }
    Gauge.builder("bondbridge.unreadable.objects", reconciler, r -> r.unreadableBondBridges())
        .description("Objects whose spec or status cannot be read (reported in status and Events)")
        .tag("kind", "BondBridge")
        .register(registry);
    Gauge.builder("bondbridge.unreadable.objects", reconciler, r -> r.unreadableBondBridgeNodes())
        .description("Objects whose spec or status cannot be read (reported in status and Events)")
        .tag("kind", "BondBridgeNode")
        .register(registry);
  }

  private void watchStopped(SharedIndexInformer<?> informer, Throwable error) {
    if (error == null) {
      return; // stopped on purpose: the operator is stopping
    }
    watchStopped = true;
    stoppedWatches.increment();
    LOG.error(
        "the watch of {} stopped: {}; /healthz fails from now on, so that the kubelet restarts the"
            + " operator",
        informer.getApiTypeClass().getSimpleName(),
        error.toString(),
        error);
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
    return !watchStopped && operator.getRuntimeInfo().allEventSourcesAreHealthy();
  }

  public void stop() {
    operator.stop();
  }

  @Override
  public void close() {
    stop();
  }
}
