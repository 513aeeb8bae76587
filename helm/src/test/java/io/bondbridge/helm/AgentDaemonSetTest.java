package io.bondbridge.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The node agent's DaemonSet as rendered with the default values (and a few others). */
class AgentDaemonSetTest {
  private static final String NAME = "bondbridge-agent";

  private static PodSpec pod(Chart.Manifests manifests) {
    return manifests.get("DaemonSet", NAME, DaemonSet.class).getSpec().getTemplate().getSpec();
  }

  private static Container agent(PodSpec pod) {
    return pod.getContainers().stream()
        .filter(c -> c.getName().equals("agent"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void agentHasOnlyNetAdminAndNetRawAndIsNotPrivileged() {
    PodSpec pod = pod(Chart.render());
    assertThat(pod.getContainers()).hasSize(1);
    var security = agent(pod).getSecurityContext();

    assertThat(security.getPrivileged()).isFalse();
    assertThat(security.getAllowPrivilegeEscalation()).isFalse();
    assertThat(security.getReadOnlyRootFilesystem()).isTrue();
    assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(security.getCapabilities().getAdd())
        .containsExactlyInAnyOrder("NET_ADMIN", "NET_RAW");
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(pod.getHostNetwork()).isTrue();
    assertThat(pod.getDnsPolicy()).isEqualTo("ClusterFirstWithHostNet");
    assertThat(pod.getHostPID()).isNotEqualTo(Boolean.TRUE);
    assertThat(pod.getHostIPC()).isNotEqualTo(Boolean.TRUE);
  }

  @Test
  void initContainerLoadsTheModulesWithSysModuleOnly() {
    PodSpec pod = pod(Chart.render());
    assertThat(pod.getInitContainers()).hasSize(1);
    Container init = pod.getInitContainers().get(0);

    assertThat(init.getSecurityContext().getPrivileged()).isFalse();
    assertThat(init.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(init.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(init.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(init.getSecurityContext().getCapabilities().getAdd()).containsExactly("SYS_MODULE");
    String script = String.join("\n", init.getCommand());
    assertThat(script.lines().map(String::strip))
        .containsSubsequence("modprobe bonding max_bonds=0", "modprobe 8021q", "modprobe bridge");
    assertThat(init.getVolumeMounts())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.getMountPath()).isEqualTo("/lib/modules");
              assertThat(m.getReadOnly()).isTrue();
            });
    assertThat(volume(pod, m(init, "/lib/modules")).getHostPath().getPath())
        .isEqualTo("/lib/modules");
    // the agent itself never sees the host's modules
    assertThat(agent(pod).getVolumeMounts())
        .noneMatch(m -> m.getMountPath().equals("/lib/modules"));
  }

  @Test
  void checkpointsLiveOnTheHost() {
    PodSpec pod = pod(Chart.render());
    Container agent = agent(pod);

    Volume state = volume(pod, m(agent, "/var/lib/bondbridge"));
    assertThat(state.getHostPath().getPath()).isEqualTo("/var/lib/bondbridge");
    assertThat(state.getHostPath().getType()).isEqualTo("DirectoryOrCreate");
    assertThat(m(agent, "/var/lib/bondbridge").getReadOnly()).isNotEqualTo(Boolean.TRUE);
    assertThat(agent.getArgs()).contains("agent", "--state-dir=/var/lib/bondbridge");
    // with a read-only root file system the JVM's scratch space is an emptyDir
    assertThat(volume(pod, m(agent, "/tmp")).getEmptyDir()).isNotNull();
  }

  @Test
  void nodeNameComesFromTheDownwardApi() {
    Container agent = agent(pod(Chart.render()));
    EnvVar node =
        agent.getEnv().stream().filter(e -> e.getName().equals("NODE_NAME")).findFirst().get();

    assertThat(node.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("spec.nodeName");
  }

  @Test
  void runsOnEveryNodeAsNodeCritical() {
    PodSpec pod = pod(Chart.render());

    assertThat(pod.getTolerations())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.getOperator()).isEqualTo("Exists");
              assertThat(t.getKey()).isNull();
              assertThat(t.getEffect()).isNull();
            });
    assertThat(pod.getPriorityClassName()).isEqualTo("system-node-critical");
    assertThat(pod.getNodeSelector()).containsExactly(Map.entry("kubernetes.io/os", "linux"));
  }

  @Test
  void resourcesFitASerialGcJvmWithA64MiBHeap() {
    Container agent = agent(pod(Chart.render()));

    assertThat(agent.getResources().getRequests())
        .containsEntry("cpu", new Quantity("50m"))
        .containsEntry("memory", new Quantity("128Mi"));
    assertThat(agent.getResources().getLimits())
        .containsOnlyKeys("memory")
        .containsEntry("memory", new Quantity("256Mi"));
    // the JVM's options are the image's /app/agent.jvm, from node-agent/agent.jvm
    assertThat(agent.getCommand()).startsWith("java", "@/app/agent.jvm");
    List<String> jvm = agentJvm();
    assertThat(jvm).contains("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    assertThat(jvm.stream().filter(o -> o.startsWith("-Xmx")))
        .singleElement()
        .satisfies(
            xmx ->
                assertThat(Long.parseLong(xmx.replaceAll("\\D", "")))
                    .as("heap in MiB, %s", xmx)
                    .isBetween(16L, 64L));
  }

  @Test
  void javaOptsComeAfterTheImagesOwnSoTheyWin() {
    Container agent =
        agent(pod(Chart.render(Chart.values("agent.javaOpts", "-Xmx96m  -XX:+PrintFlagsFinal"))));

    assertThat(agent.getCommand())
        .containsExactly(
            "java",
            "@/app/agent.jvm",
            "-Xmx96m",
            "-XX:+PrintFlagsFinal",
            "-XX:SharedArchiveFile=/app/bondbridge-agent.jsa",
            "-jar",
            "/app/bondbridge-agent.jar");
    assertThat(agent.getEnv()).noneMatch(e -> e.getName().equals("JAVA_TOOL_OPTIONS"));
  }

  /** The options in node-agent/agent.jvm, a java launcher argument file (# starts a comment). */
  private static List<String> agentJvm() {
    try {
      return java.nio.file.Files.readAllLines(java.nio.file.Path.of("../node-agent/agent.jvm"))
          .stream()
          .map(l -> l.replaceAll("#.*", "").strip())
          .filter(l -> !l.isEmpty())
          .toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void probesAndMetricsOnTheAgentsPort() {
    Container agent = agent(pod(Chart.render(Chart.values("agent.httpPort", 9911))));

    assertThat(agent.getArgs()).contains("--http-port=9911");
    assertThat(agent.getPorts())
        .singleElement()
        .satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(9911));
    assertThat(agent.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(agent.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    // the agent moves the node's address: probe it on loopback, which never moves
    assertThat(agent.getLivenessProbe().getHttpGet().getHost()).isEqualTo("127.0.0.1");
  }

  @Test
  void dhcpNodesAddOnlyTheDhcpClientsPortAndOnRequestTheHostsProcesses() {
    PodSpec dhcp = pod(Chart.render(Chart.values("agent.dhcp.enabled", true)));
    assertThat(agent(dhcp).getSecurityContext().getCapabilities().getAdd())
        .containsExactlyInAnyOrder("NET_ADMIN", "NET_RAW", "NET_BIND_SERVICE");
    assertThat(dhcp.getHostPID()).isNotEqualTo(Boolean.TRUE);

    PodSpec handOver =
        pod(Chart.render(Chart.values("agent.dhcp.enabled", true, "agent.dhcp.hostPID", true)));
    assertThat(handOver.getHostPID()).isTrue();
    assertThat(agent(handOver).getSecurityContext().getPrivileged()).isFalse();
  }

  @Test
  void moduleLoadingCanBeLeftToTheHost() {
    PodSpec pod = pod(Chart.render(Chart.values("agent.kernelModules.enabled", false)));

    assertThat(pod.getInitContainers()).isEmpty();
    assertThat(pod.getVolumes()).noneMatch(v -> v.getName().equals("modules"));
    assertThat(agent(pod).getSecurityContext().getCapabilities().getAdd())
        .containsExactlyInAnyOrder("NET_ADMIN", "NET_RAW");
  }

  @Test
  void theHostsSystemBusIsMountedReadOnlyForResolvectlWithoutPrivilege() {
    PodSpec pod = pod(Chart.render(Chart.values()));
    Container agent = agent(pod);

    VolumeMount bus = m(agent, "/run/dbus");
    assertThat(bus.getReadOnly()).isTrue();
    assertThat(volume(pod, bus).getHostPath().getPath()).isEqualTo("/run/dbus");
    assertThat(agent.getSecurityContext().getPrivileged()).isFalse();
    assertThat(agent.getSecurityContext().getCapabilities().getAdd())
        .containsExactlyInAnyOrder("NET_ADMIN", "NET_RAW");

    PodSpec without = pod(Chart.render(Chart.values("agent.systemBus.enabled", false)));
    assertThat(without.getVolumes()).noneMatch(v -> v.getName().equals("system-bus"));
  }

  @Test
  void networkdsLinkStateIsMountedReadOnly() {
    assertHostStateMountedReadOnly(
        "/run/systemd/netif", "networkd-state", "agent.networkd.enabled");
  }

  @Test
  void networkManagersDeviceStateIsMountedReadOnly() {
    assertHostStateMountedReadOnly(
        "/run/NetworkManager/devices", "networkmanager-state", "agent.networkManager.enabled");
  }

  @Test
  void ifupdownsRecordAndStanzasAreMountedReadOnly() {
    assertHostStateMountedReadOnly("/run/network", "ifupdown-state", "agent.ifupdown.enabled");
    assertHostStateMountedReadOnly("/etc/network", "ifupdown-config", "agent.ifupdown.enabled");
  }

  /** A manager's runtime state from the host at the same path, read-only, and off by its key. */
  private static void assertHostStateMountedReadOnly(String path, String volume, String enabled) {
    PodSpec pod = pod(Chart.render(Chart.values()));
    Container agent = agent(pod);

    VolumeMount mount = m(agent, path);
    assertThat(mount.getReadOnly()).isTrue();
    assertThat(volume(pod, mount).getHostPath().getPath()).isEqualTo(path);
    assertThat(volume(pod, mount).getHostPath().getType()).isEqualTo("DirectoryOrCreate");

    PodSpec without = pod(Chart.render(Chart.values(enabled, false)));
    assertThat(without.getVolumes()).noneMatch(v -> v.getName().equals(volume));
  }

  @Test
  void imagesFromTheConfiguredRegistry() {
    PodSpec pod =
        pod(
            Chart.render(
                Chart.values(
                    "image.registry", "registry.example.com:5000/net", "image.tag", "1.2.3")));

    assertThat(agent(pod).getImage())
        .isEqualTo("registry.example.com:5000/net/bondbridge-agent:1.2.3");
    assertThat(pod.getInitContainers().get(0).getImage()).isEqualTo(agent(pod).getImage());
  }

  private static VolumeMount m(Container container, String path) {
    return container.getVolumeMounts().stream()
        .filter(v -> v.getMountPath().equals(path))
        .findFirst()
        .orElseThrow(() -> new AssertionError(container.getName() + " mounts nothing at " + path));
  }

  private static Volume volume(PodSpec pod, VolumeMount mount) {
    List<Volume> volumes = pod.getVolumes();
    return volumes.stream()
        .filter(v -> v.getName().equals(mount.getName()))
        .findFirst()
        .orElseThrow();
  }
}
