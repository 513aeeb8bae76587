package io.bondbridge.agent.cluster;

import io.bondbridge.agent.dhcp.DhcpRunner;
import io.bondbridge.agent.exec.ProcessRunner;
import io.bondbridge.agent.kube.ApiClient;
import io.bondbridge.agent.kube.ApiEndpoint;
import io.bondbridge.agent.safety.Probe;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bondbridge agent}: the node agent of a cluster (DaemonSet pod, hostNetwork, NET_ADMIN).
 * Cluster access: the pod's service account, else the kubeconfig ({@link ApiEndpoint}).
 */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    description =
        "Run as the node agent: apply this node's BondBridgeNodes and report the kernel's view"
            + " (active port, link failures) into their status and as Events.")
public final class AgentCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(AgentCommand.class);

  @Option(
      names = "--node",
      required = true,
      defaultValue = "${env:NODE_NAME}",
      description = "This node's name (from the Downward API: spec.nodeName). Env NODE_NAME.")
  String node;

  @Option(
      names = "--http-port",
      defaultValue = "${env:BONDBRIDGE_HTTP_PORT:-9810}",
      description =
          "Port of /healthz, /readyz and /metrics. Env BONDBRIDGE_HTTP_PORT. Default:"
              + " ${DEFAULT-VALUE}.")
  int httpPort;

  @Option(
      names = "--state-dir",
      defaultValue = "${env:BONDBRIDGE_STATE_DIR:-/var/lib/bondbridge}",
      description =
          "Where checkpoints and address origins are kept (a hostPath, so a restarted agent"
              + " finishes a rollback). Env BONDBRIDGE_STATE_DIR. Default: ${DEFAULT-VALUE}.")
  Path stateDir;

  @Option(
      names = "--event-namespace",
      defaultValue = "${env:BONDBRIDGE_EVENT_NAMESPACE:-" + NodeAgent.DEFAULT_EVENT_NAMESPACE + "}",
      description =
          "Namespace of the Events about BondBridges and BondBridgeNodes (failover, drift); the"
              + " agent's Role must allow creating Events there. Env BONDBRIDGE_EVENT_NAMESPACE."
              + " Default: ${DEFAULT-VALUE}.")
  String eventNamespace;

  @Option(
      names = "--command-timeout",
      defaultValue = "${env:BONDBRIDGE_COMMAND_TIMEOUT:-30}",
      description =
          "Seconds a host command (ip, modprobe, ping) may run before it is killed and its"
              + " BondBridgeNode reported Failed; the agent then goes on with the next. Env"
              + " BONDBRIDGE_COMMAND_TIMEOUT. Default: ${DEFAULT-VALUE}.")
  int commandTimeoutSeconds;

  /** The API server must stay reachable through a change: it is the agent's own lifeline. */
  public static Probe.Tcp apiServer(ApiClient client) {
    URI master = client.server();
    int port =
        master.getPort() > 0 ? master.getPort() : "http".equals(master.getScheme()) ? 80 : 443;
    return new Probe.Tcp("API server", master.getHost(), port);
  }

  @Override
  public Integer call() throws Exception {
    if (node == null || node.isBlank()) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this), "--node or NODE_NAME is required");
    }
    Capabilities caps = Capabilities.ofThisProcess();
    if (caps != null && !caps.missing().isEmpty()) {
      LOG.warn(
          "the agent runs without CAP_{}: changes to this node will fail with \"Operation not"
              + " permitted\"; the agent container needs capabilities.add: [NET_ADMIN, NET_RAW]"
              + " (the Helm chart sets them)",
          String.join(", CAP_", caps.missing()));
    }
    boolean dhcpClients = Capabilities.mayRunDhcpClients();
    if (!dhcpClients) {
      LOG.info(
          "the agent runs without CAP_NET_BIND_SERVICE: ipv6.mode auto is SLAAC alone (no"
              + " DHCPv6 client), and ipv4.mode dhcp cannot keep a lease; the chart grants it"
              + " with --set agent.dhcp.enabled=true");
    }
    ApiClient client = ApiClient.forAgent(ApiEndpoint.fromEnvironment());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    if (commandTimeoutSeconds <= 0) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this), "--command-timeout must be a positive number of seconds");
    }
    ProcessRunner runner = new ProcessRunner(Duration.ofSeconds(commandTimeoutSeconds));
    NodeAgent agent =
        new NodeAgent(
            client,
            node,
            // dhclient steps go to the agent's DHCP clients, children of this process
            NodeHost.guarded(
                DhcpRunner.around(runner, stateDir, dhcpClients), stateDir, apiServer(client)),
            new KernelLinkMonitor(runner),
            new AgentMetrics(registry),
            Clock.systemUTC(),
            eventNamespace);
    try (ProbeServer probes =
        new ProbeServer(httpPort, agent::isAlive, agent::isReady, registry::scrape)) {
      probes.start();
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    agent.close();
                    stopped.countDown();
                  }));
      agent.start();
      stopped.await();
    }
    return 0;
  }
}
