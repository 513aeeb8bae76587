package io.bondbridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Link;
import io.bondbridge.agent.kernel.KernelLab;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatus;
import io.bondbridge.api.v1alpha1.Phase;
import io.bondbridge.testkit.HostSnapshot;
import io.fabric8.kubernetes.api.model.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agent as the Helm chart runs it — its own process (the shaded jar), root with only the
 * capabilities the chart's DaemonSet adds (NET_ADMIN, NET_RAW; helm's AgentDaemonSetTest pins
 * them), no_new_privs, a read-only root, /sys and /proc/sys read-only (vm/as-agent-pod.sh) —
 * against the mock API server and the real operator, on the VM's kernel. It must do its whole job
 * with that: bond, bridge, address move, probes, failover status, teardown. And the sandbox must
 * really bind: the same agent without NET_ADMIN fails with a clear status and changes nothing.
 *
 * <p>The kernel modules are loaded at the VM's boot, as the chart's init container (the only part
 * with SYS_MODULE) loads them before the agent starts.
 */
class LeastPrivilegeKernelIT {
  /**
   * The chart's agent container: {@code capabilities: {drop: [ALL], add: [NET_ADMIN, NET_RAW]}}.
   */
  private static final String CHART_CAPS = "net_admin,net_raw";

  private static final long CAP_NET_ADMIN = 1L << 12;
  private static final long CAP_NET_RAW = 1L << 13;
  private static final String CHILD = "vm-uplink." + OneNodeCluster.NODE;
  private static final Duration LONG = Duration.ofSeconds(240);

  private KernelLab lab;
  private OneNodeCluster cluster;
  private Process agent;
  private Path agentLog;
  private Path jar;

  @BeforeEach
  void start() {
    assumeTrue(
        KernelLab.inKernelVm(), "needs a kernel with bonding: run through vm/kernel-tests.sh");
    jar = repo().resolve("node-agent/target/bondbridge-agent.jar");
    assumeTrue(Files.exists(jar), "build the agent jar first: mvn -pl node-agent package");
    lab = KernelLab.withNics(2);
    cluster = OneNodeCluster.start().startOperator();
  }

  @AfterEach
  void stop() throws InterruptedException, IOException {
    if (agent != null) {
      agent.destroy();
      if (!agent.waitFor(60, TimeUnit.SECONDS)) {
        agent.destroyForcibly();
      }
      System.out.print(Files.readString(agentLog));
    }
    if (cluster != null) {
      cluster.close();
    }
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void theChartsCapabilitiesAreEnough() throws Exception {
    HostSnapshot before = lab.snapshot();
    agent = startAgent(CHART_CAPS);
    assertThat(capabilities(agent.pid()))
        .as("the agent JVM's capability sets (CapEff, CapPrm, CapBnd)")
        .containsOnly(CAP_NET_ADMIN | CAP_NET_RAW);
    assertThat(rootMountOptions(agent.pid())).as("/ as the agent sees it").startsWith("ro");
    String eth1 = lab.macOf("eth1");
    lab.peerCaches(KernelLab.NODE_IP, eth1); // ARP flux: eth1 answered for the node's IP

    cluster.apply(FullFlowKernelIT.examples().resolve("bond.yaml"));

    BondBridgeNodeStatus ready = awaitChild(s -> s.phase() == Phase.Ready);
    HostState host = lab.host();
    assertThat(host.link("eth0").map(Link::master)).contains("bond0");
    assertThat(host.link("eth1").map(Link::master)).contains("bond0");
    assertThat(host.link("bond0").map(Link::master)).contains("br0");
    assertThat(host.addressesOn("br0")).extracting(a -> a.cidr()).containsExactly("10.0.0.2/24");
    assertThat(ready.bond().activePort()).isEqualTo("eth0");
    // the agent's gratuitous ARP (arping, with only these capabilities) corrected the peer
    String br0 = lab.macOf("br0");
    lab.waitFor(
        Duration.ofSeconds(10),
        () -> br0.equals(lab.peerCachedMac(KernelLab.NODE_IP)),
        "the peer to learn the node's MAC from the agent's announcement");
    assertThat(Files.readString(agentLog)).doesNotContain("announce");
    assertThat(lab.peerReachesNode()).as("the peer reaches the node through br0").isTrue();

    // ip monitor, /proc/net/bonding and status writes work as well with these privileges
    lab.pull("eth0");
    BondBridgeNodeStatus degraded =
        awaitChild(s -> s.phase() == Phase.Degraded && "eth1".equals(s.bond().activePort()));
    assertThat(degraded.linkFailures()).isEqualTo(1);
    await()
        .atMost(LONG)
        .until(() -> cluster.events().stream().map(Event::getReason).anyMatch("Failover"::equals));
    lab.plug("eth0");
    awaitChild(s -> s.phase() == Phase.Ready);

    cluster.deleteAndAwaitGone("vm-uplink", LONG);
    lab.waitFor(LONG, () -> lab.snapshot().equals(before), "the host to be as before");
    assertThat(lab.snapshot()).isEqualTo(before);
  }

  @Test
  void withoutNetAdminTheAgentFailsClearlyAndChangesNothing() throws Exception {
    HostSnapshot before = lab.snapshot();
    agent = startAgent("net_raw");
    assertThat(capabilities(agent.pid())).containsOnly(CAP_NET_RAW);
    await()
        .atMost(LONG)
        .until(() -> Files.readString(agentLog).contains("the agent runs without CAP_NET_ADMIN:"));

    cluster.apply(FullFlowKernelIT.examples().resolve("bond.yaml"));

    BondBridgeNodeStatus failed =
        awaitChild(s -> s.phase() == Phase.Failed || s.phase() == Phase.RolledBack);
    System.out.printf("without NET_ADMIN: %s: %s%n", failed.phase(), failed.message());
    assertThat(failed.message()).containsIgnoringCase("Operation not permitted");
    assertThat(lab.snapshot()).as("the host, untouched").isEqualTo(before);
    assertThat(lab.peerReachesNode()).isTrue();

    cluster.deleteAndAwaitGone("vm-uplink", LONG);
    assertThat(lab.snapshot()).isEqualTo(before);
  }

  private Process startAgent(String caps) throws IOException {
    Path state = Files.createTempDirectory("bondbridge-state");
    List<String> command =
        new ArrayList<>(
            List.of(
                repo().resolve("vm/as-agent-pod.sh").toString(),
                "--caps",
                caps,
                // the state dir is the chart's hostPath: a writable mount of its own
                "--writable",
                state.toString(),
                "--",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // the JVM options of the image (its /app/agent.jvm)
                "@" + FullFlowKernelIT.examples().getParent().resolve("node-agent/agent.jvm"),
                "-jar",
                jar.toString(),
                "agent",
                "--node",
                OneNodeCluster.NODE,
                "--http-port",
                "9812",
                "--state-dir",
                state.toString()));
    agentLog = Files.createTempFile("agent", ".log");
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    // the API server as the pod reaches it: HTTPS to the service, its service account's token and
    // CA
    pb.environment().remove("KUBECONFIG");
    pb.environment().putAll(cluster.inCluster().env());
    pb.environment().put("BONDBRIDGE_LOG_LEVEL", "WARN");
    pb.redirectOutput(agentLog.toFile());
    Process wrapper = pb.start();
    // the wrapper execs unshare, the script, setpriv, then java: the pid stays; wait for java
    await()
        .atMost(LONG)
        .until(() -> executable(wrapper.pid()).endsWith("/java") || !wrapper.isAlive());
    assertThat(wrapper.isAlive()).as("the sandboxed agent started").isTrue();
    return wrapper;
  }

  /** CapEff, CapPrm and CapBnd of a process, from /proc/PID/status. */
  private static List<Long> capabilities(long pid) throws IOException {
    List<Long> sets = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
      if (line.startsWith("CapEff:") || line.startsWith("CapPrm:") || line.startsWith("CapBnd:")) {
        sets.add(Long.parseUnsignedLong(line.substring(7).strip(), 16));
      }
    }
    assertThat(sets).hasSize(3);
    return sets;
  }

  /**
   * The per-mount options of / in the process's mount namespace (field 6 of mountinfo; the last
   * entry for / is the one on top).
   */
  private static String rootMountOptions(long pid) throws IOException {
    String options = null;
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "mountinfo"))) {
      String[] f = line.split(" ");
      if (f[4].equals("/")) {
        options = f[5];
      }
    }
    assertThat(options).as("/ in the mountinfo of " + pid).isNotNull();
    return options;
  }

  private static String executable(long pid) {
    try {
      return Files.readSymbolicLink(Path.of("/proc", String.valueOf(pid), "exe")).toString();
    } catch (IOException e) {
      return "";
    }
  }

  private BondBridgeNodeStatus awaitChild(Predicate<BondBridgeNodeStatus> until) {
    return cluster.awaitStatus(CHILD, LONG, until);
  }

  private static Path repo() {
    return FullFlowKernelIT.examples().getParent();
  }
}
