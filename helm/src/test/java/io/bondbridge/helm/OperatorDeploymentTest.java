package io.bondbridge.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

/** The operator's Deployment, Services and ServiceMonitors. */
class OperatorDeploymentTest {
  private static final String NAME = "bondbridge-operator";

  private static Deployment deployment(Chart.Manifests manifests) {
    return manifests.get("Deployment", NAME, Deployment.class);
  }

  private static Container operator(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  @Test
  void twoReplicasWithLeaderElectionInTheReleaseNamespace() {
    Deployment deployment = deployment(Chart.render());

    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    assertThat(operator(deployment).getArgs())
        .contains(
            "--leader-election=true",
            "--lease-name=bondbridge-operator",
            "--lease-namespace=" + Chart.NAMESPACE,
            "--http-port=8080",
            "--event-namespace=default");
    // the two replicas prefer different nodes
    assertThat(
            deployment
                .getSpec()
                .getTemplate()
                .getSpec()
                .getAffinity()
                .getPodAntiAffinity()
                .getPreferredDuringSchedulingIgnoredDuringExecution())
        .singleElement()
        .satisfies(
            t ->
                assertThat(t.getPodAffinityTerm().getTopologyKey())
                    .isEqualTo("kubernetes.io/hostname"));
  }

  @Test
  void nonRootReadOnlyNoCapabilities() {
    PodSpec pod = deployment(Chart.render()).getSpec().getTemplate().getSpec();
    var security = operator(deployment(Chart.render())).getSecurityContext();

    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isNotZero();
    assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
    assertThat(security.getPrivileged()).isFalse();
    assertThat(security.getAllowPrivilegeEscalation()).isFalse();
    assertThat(security.getReadOnlyRootFilesystem()).isTrue();
    assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(security.getCapabilities().getAdd()).isNullOrEmpty();
  }

  @Test
  void probesAndResources() {
    Container operator = operator(deployment(Chart.render()));

    assertThat(operator.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(operator.getStartupProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    // a standby replica answers 503 on /readyz: see values.yaml operator.readinessPath
    assertThat(operator.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(operator.getResources().getRequests())
        .containsEntry("cpu", new Quantity("100m"))
        .containsEntry("memory", new Quantity("256Mi"));
    assertThat(operator.getResources().getLimits()).containsEntry("memory", new Quantity("512Mi"));
  }

  @Test
  void oneReplicaWithoutLeaderElectionHasNoLeaseRole() {
    Chart.Manifests manifests =
        Chart.render(
            Chart.values(
                "operator.replicas",
                1,
                "operator.leaderElection.enabled",
                false,
                "operator.agentTimeout",
                "90s",
                "operator.httpPort",
                8181));
    Container operator = operator(deployment(manifests));

    assertThat(operator.getArgs())
        .contains("--leader-election=false", "--agent-timeout=90s", "--http-port=8181");
    assertThat(manifests.ofKind("Role"))
        .noneMatch(r -> r.at("/metadata/name").asText().contains("leader-election"));
    assertThat(
            manifests
                .get("Service", "bondbridge-operator-metrics")
                .at("/spec/ports/0/port")
                .asInt())
        .isEqualTo(8181);
  }

  @Test
  void metricsServicesByDefaultServiceMonitorsOnRequest() {
    Chart.Manifests defaults = Chart.render();
    assertThat(defaults.ofKind("Service").map(s -> s.at("/metadata/name").asText()))
        .containsExactlyInAnyOrder("bondbridge-operator-metrics", "bondbridge-agent-metrics");
    assertThat(defaults.ofKind("ServiceMonitor")).isEmpty();
    JsonNode agentService = defaults.get("Service", "bondbridge-agent-metrics");
    assertThat(agentService.at("/spec/selector/app.kubernetes.io~1component").asText())
        .isEqualTo("agent");
    assertThat(agentService.at("/spec/ports/0/port").asInt()).isEqualTo(9810);

    Chart.Manifests monitored =
        Chart.render(
            Chart.values(
                "metrics.serviceMonitor.enabled",
                true,
                "metrics.serviceMonitor.labels.release",
                "kube-prometheus-stack"));
    assertThat(monitored.ofKind("ServiceMonitor"))
        .hasSize(2)
        .allSatisfy(
            m -> {
              assertThat(m.at("/apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
              assertThat(m.at("/metadata/labels/release").asText())
                  .isEqualTo("kube-prometheus-stack");
              assertThat(m.at("/spec/endpoints/0/port").asText()).isEqualTo("http-metrics");
              assertThat(m.at("/spec/endpoints/0/path").asText()).isEqualTo("/metrics");
            });
  }

  @Test
  void noPodAnywhereIsPrivileged() {
    Chart.Manifests manifests = Chart.render(Chart.values("metrics.serviceMonitor.enabled", true));

    assertThat(manifests.text()).doesNotContain("privileged: true");
    assertThat(manifests.text()).doesNotContain("allowPrivilegeEscalation: true");
    assertThat(manifests.text()).doesNotContain("hostPID").doesNotContain("hostIPC");
  }
}
