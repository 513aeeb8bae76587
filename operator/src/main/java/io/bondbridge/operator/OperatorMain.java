package io.bondbridge.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Runs the operator. Every option can also be set through the environment variable named in its
 * description (flags win). Cluster access: the fabric8 defaults (in-cluster service account, else
 * KUBECONFIG / ~/.kube/config).
 */
@Command(
    name = "bondbridge-operator",
    mixinStandardHelpOptions = true,
    version = "bondbridge-operator 0.1.0",
    description =
        "Selects nodes for BondBridges, hands per-node specs to the node agents, paces"
            + " the rollout and reports status.")
public final class OperatorMain implements Callable<Integer> {

  @Option(
      names = "--agent-timeout",
      defaultValue = "${env:BONDBRIDGE_AGENT_TIMEOUT:-5m}",
      converter = DurationConverter.class,
      description =
          "How long a node's agent has to pick up a new spec before the node counts as failed"
              + " (NoAgent), e.g. 300s, 5m, PT5M. Env BONDBRIDGE_AGENT_TIMEOUT. Default: ${DEFAULT-VALUE}.")
  Duration agentTimeout;

  @Option(
      names = "--leader-election",
      arity = "1",
      paramLabel = "true|false",
      defaultValue = "${env:BONDBRIDGE_LEADER_ELECTION:-true}",
      description =
          "Run only while holding the Lease, so that several replicas can run. Env"
              + " BONDBRIDGE_LEADER_ELECTION. Default: ${DEFAULT-VALUE}.")
  boolean leaderElection;

  @Option(
      names = "--lease-name",
      defaultValue = "${env:BONDBRIDGE_LEASE_NAME:-bondbridge-operator}",
      description =
          "Name of the leader-election Lease. Env BONDBRIDGE_LEASE_NAME. Default: ${DEFAULT-VALUE}.")
  String leaseName;

  @Option(
      names = "--lease-namespace",
      defaultValue = "${env:BONDBRIDGE_LEASE_NAMESPACE}",
      description =
          "Namespace of the Lease. Env BONDBRIDGE_LEASE_NAMESPACE. Default: the namespace the"
              + " operator runs in.")
  String leaseNamespace;

  @Option(
      names = "--lease-duration",
      defaultValue = "${env:BONDBRIDGE_LEASE_DURATION:-15s}",
      converter = DurationConverter.class,
      description =
          "How long the Lease holds without renewal: a standby replica takes over about this long"
              + " after the leader died. Whole seconds. Env BONDBRIDGE_LEASE_DURATION. Default:"
              + " ${DEFAULT-VALUE}.")
  Duration leaseDuration;

  @Option(
      names = "--lease-renew-deadline",
      defaultValue = "${env:BONDBRIDGE_LEASE_RENEW_DEADLINE:-10s}",
      converter = DurationConverter.class,
      description =
          "How long the leader keeps trying to renew the Lease before it gives up leading (and"
              + " exits); less than --lease-duration. Env BONDBRIDGE_LEASE_RENEW_DEADLINE."
              + " Default: ${DEFAULT-VALUE}.")
  Duration leaseRenewDeadline;

  @Option(
      names = "--lease-retry-period",
      defaultValue = "${env:BONDBRIDGE_LEASE_RETRY_PERIOD:-2s}",
      converter = DurationConverter.class,
      description =
          "How often the leader renews and a standby replica tries to take the Lease; 1.2 times"
              + " it less than --lease-renew-deadline. Env BONDBRIDGE_LEASE_RETRY_PERIOD. Default:"
              + " ${DEFAULT-VALUE}.")
  Duration leaseRetryPeriod;

  @Option(
      names = "--http-port",
      defaultValue = "${env:BONDBRIDGE_HTTP_PORT:-8080}",
      description =
          "Port of /healthz (liveness), /readyz (readiness) and /metrics (Prometheus). Env"
              + " BONDBRIDGE_HTTP_PORT. Default: ${DEFAULT-VALUE}.")
  int httpPort;

  @Option(
      names = "--reconcile-threads",
      defaultValue = "${env:BONDBRIDGE_RECONCILE_THREADS:-5}",
      description =
          "BondBridges reconciled in parallel. Env BONDBRIDGE_RECONCILE_THREADS. Default: ${DEFAULT-VALUE}.")
  int reconcileThreads;

  @Option(
      names = "--event-namespace",
      defaultValue = "${env:BONDBRIDGE_EVENT_NAMESPACE:-default}",
      description =
          "Namespace of the Events about BondBridges (cluster-scoped objects), e.g. InvalidSpec."
              + " Env BONDBRIDGE_EVENT_NAMESPACE. Default: ${DEFAULT-VALUE}.")
  String eventNamespace;

  public static void main(String[] args) {
    System.exit(new CommandLine(new OperatorMain()).execute(args));
  }

  @Spec CommandSpec spec;

  OperatorSettings settings() {
    OperatorSettings.LeaseTimings timings;
    try {
      timings =
          new OperatorSettings.LeaseTimings(leaseDuration, leaseRenewDeadline, leaseRetryPeriod);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    return new OperatorSettings(
        agentTimeout,
        leaderElection,
        leaseName,
        leaseNamespace,
        timings,
        null,
        reconcileThreads,
        true,
        eventNamespace);
  }

  @Override
  public Integer call() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    KubernetesClient client = new KubernetesClientBuilder().build();
    BondBridgeOperator operator =
        new BondBridgeOperator(client, settings(), registry, Clock.systemUTC());
    try (ProbeServer probes =
        new ProbeServer(httpPort, operator::isAlive, operator::isReady, registry::scrape)) {
      probes.start();
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    operator.stop();
                    client.close();
                    stopped.countDown();
                  }));
      operator.start();
      stopped.await();
    }
    return 0;
  }

  /** 300s, 5m, 1h, 250ms or an ISO-8601 duration (PT5M). */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String v = value.trim();
      try {
        if (v.startsWith("P") || v.startsWith("p")) {
          return Duration.parse(v);
        }
        if (v.endsWith("ms")) {
          return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        long n = Long.parseLong(v.substring(0, v.length() - 1));
        return switch (v.charAt(v.length() - 1)) {
          case 's' -> Duration.ofSeconds(n);
          case 'm' -> Duration.ofMinutes(n);
          case 'h' -> Duration.ofHours(n);
          default -> throw new CommandLine.TypeConversionException("not a duration: " + value);
        };
      } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
        throw new CommandLine.TypeConversionException(
            "not a duration: " + value + " (use e.g. 300s, 5m or PT5M)");
      }
    }
  }
}
