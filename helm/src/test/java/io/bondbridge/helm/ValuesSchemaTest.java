package io.bondbridge.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** values.schema.json: bad values fail `helm template` (and so `helm install`) with the reason. */
class ValuesSchemaTest {

  static Stream<Arguments> badValues() {
    return Stream.of(
        Arguments.of(Map.of("operator.replicas", 0), "replicas"),
        Arguments.of(Map.of("operator.replicas", "two"), "replicas"),
        // two active operators would reconcile the same BondBridges at once
        Arguments.of(
            Map.of("operator.replicas", 2, "operator.leaderElection.enabled", false), "enabled"),
        Arguments.of(Map.of("operator.replica", 1), "replica"),
        Arguments.of(Map.of("operator.agentTimeout", "five minutes"), "agentTimeout"),
        Arguments.of(Map.of("operator.httpPort", 70000), "httpPort"),
        Arguments.of(Map.of("operator.readinessPath", "/"), "readinessPath"),
        Arguments.of(Map.of("operator.resources.limits.memory", "lots"), "memory"),
        Arguments.of(Map.of("agent.httpPort", 0), "httpPort"),
        Arguments.of(Map.of("agent.stateDir", "var/lib/bondbridge"), "stateDir"),
        Arguments.of(Map.of("agent.eventNamespace", "Not_A_Namespace"), "eventNamespace"),
        // the module list becomes an init container's script: nothing but names and key=value
        Arguments.of(Map.of("agent.kernelModules.modules[0].name", "bonding;reboot"), "name"),
        Arguments.of(
            Map.of("agent.kernelModules.modules[0].params[0]", "max_bonds=0 $(reboot)"), "params"),
        Arguments.of(Map.of("agent.tolerations[0].operator", "Sometimes"), "operator"),
        Arguments.of(Map.of("agent.updateStrategy.type", "Recreate"), "updateStrategy"),
        Arguments.of(Map.of("image.pullPolicy", "Sometimes"), "pullPolicy"),
        Arguments.of(Map.of("image.tag", "has space"), "tag"),
        Arguments.of(Map.of("rbac.create", "yes please"), "create"),
        Arguments.of(Map.of("metrics.serviceMonitor.interval", "often"), "interval"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badValues")
  void badValuesFailTheRender(Map<String, Object> values, String mentioned) {
    assertThatThrownBy(() -> Chart.render(values))
        .hasMessageContaining("values don't meet the specifications of the schema")
        .hasMessageContaining(mentioned);
  }

  @Test
  void documentedAlternativesRender() {
    Chart.Manifests manifests =
        Chart.render(
            Chart.values(
                "operator.readinessPath", "/readyz",
                "operator.agentTimeout", "PT10M",
                "agent.updateStrategy.rollingUpdate.maxUnavailable", "20%",
                "agent.kernelModules.hostPath", "/usr/lib/modules",
                "agent.tolerations[0].operator", "Exists",
                "agent.tolerations[0].effect", "NoSchedule",
                "image.registry", "registry.example.com/net",
                "fullnameOverride", "uplinks"));

    assertThat(manifests.kindsAndNames())
        .contains("DaemonSet/uplinks-agent", "Deployment/uplinks-operator");
  }
}
