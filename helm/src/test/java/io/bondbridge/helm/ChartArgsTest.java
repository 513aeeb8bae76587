package io.bondbridge.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.cluster.AgentCommand;
import io.bondbridge.operator.OperatorMain;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The args the chart renders are parsed by the operator's and the agent's own command lines (the
 * images' entry points), so a renamed flag or a value the schema lets through but the program
 * cannot read fails here, not as a CrashLoopBackOff on every node.
 */
class ChartArgsTest {
  private static Container operator(Chart.Manifests m) {
    return m.get("Deployment", "bondbridge-operator", Deployment.class)
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0);
  }

  private static Container agent(Chart.Manifests m) {
    return m.get("DaemonSet", "bondbridge-agent", DaemonSet.class)
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0);
  }

  private static ParseResult parseOperator(List<String> args) {
    return new CommandLine(new OperatorMain()).parseArgs(args.toArray(String[]::new));
  }

  /**
   * The agent image's CMD is {@code agent}; the chart's args replace it and must start so. The
   * node's name comes from NODE_NAME (the downward API, checked below), here from a stand-in.
   */
  private static ParseResult parseAgent(List<String> args) {
    CommandLine agent = new CommandLine(new AgentCommand());
    agent.setDefaultValueProvider(
        arg ->
            arg instanceof CommandLine.Model.OptionSpec o && o.longestName().equals("--node")
                ? "node-a"
                : null);
    assertThat(args).first().isEqualTo(agent.getCommandName());
    return agent.parseArgs(args.subList(1, args.size()).toArray(String[]::new));
  }

  @Test
  void theDefaultArgsAreTheProgramsDefaults() {
    Chart.Manifests m = Chart.render();

    ParseResult op = parseOperator(operator(m).getArgs());
    assertThat(op.unmatched()).isEmpty();
    assertThat((Boolean) op.matchedOptionValue("--leader-election", null)).isTrue();
    assertThat((String) op.matchedOptionValue("--lease-namespace", null))
        .isEqualTo(Chart.NAMESPACE);
    assertThat((Duration) op.matchedOptionValue("--agent-timeout", null))
        .isEqualTo(Duration.ofMinutes(5));
    assertThat((Integer) op.matchedOptionValue("--http-port", null)).isEqualTo(8080);

    ParseResult ag = parseAgent(agent(m).getArgs());
    assertThat(ag.unmatched()).isEmpty();
    assertThat((Integer) ag.matchedOptionValue("--http-port", null)).isEqualTo(9810);
    assertThat((Path) ag.matchedOptionValue("--state-dir", null))
        .isEqualTo(Path.of("/var/lib/bondbridge"));
    assertThat((String) ag.matchedOptionValue("--event-namespace", null)).isEqualTo("default");
    // --node is not in the args: the agent reads NODE_NAME, which the chart sets
    assertThat(agent(m).getEnv())
        .anySatisfy(
            e -> {
              assertThat(e.getName()).isEqualTo("NODE_NAME");
              assertThat(e.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("spec.nodeName");
            });
  }

  @Test
  void everyFormTheSchemaAllowsIsReadByThePrograms() {
    Map<String, Duration> timeouts =
        Map.of(
            "90s", Duration.ofSeconds(90),
            "5m", Duration.ofMinutes(5),
            "1h", Duration.ofHours(1),
            "250ms", Duration.ofMillis(250),
            "PT2M", Duration.ofMinutes(2));
    timeouts.forEach(
        (value, expected) -> {
          Chart.Manifests m =
              Chart.render(
                  Chart.values(
                      "operator.agentTimeout", value,
                      "operator.reconcileThreads", "2",
                      "operator.httpPort", "9090",
                      "operator.leaderElection.enabled", "false",
                      "operator.replicas", "1",
                      "agent.httpPort", "9911",
                      "agent.stateDir", "/srv/bondbridge/state",
                      "agent.eventNamespace", "bondbridge-events"));

          ParseResult op = parseOperator(operator(m).getArgs());
          assertThat((Duration) op.matchedOptionValue("--agent-timeout", null))
              .as("--agent-timeout from operator.agentTimeout=%s", value)
              .isEqualTo(expected);
          assertThat((Boolean) op.matchedOptionValue("--leader-election", null)).isFalse();
          assertThat((Integer) op.matchedOptionValue("--reconcile-threads", null)).isEqualTo(2);
          assertThat((Integer) op.matchedOptionValue("--http-port", null)).isEqualTo(9090);

          ParseResult ag = parseAgent(agent(m).getArgs());
          assertThat((Integer) ag.matchedOptionValue("--http-port", null)).isEqualTo(9911);
          assertThat((Path) ag.matchedOptionValue("--state-dir", null))
              .isEqualTo(Path.of("/srv/bondbridge/state"));
          // where the agent and the operator write their Events is where their Roles let them
          assertThat((String) ag.matchedOptionValue("--event-namespace", null))
              .isEqualTo("bondbridge-events");
          assertThat((String) op.matchedOptionValue("--event-namespace", null))
              .isEqualTo("bondbridge-events");
          assertThat(m.objects())
              .filteredOn(o -> o.path("kind").asText().equals("Role"))
              .filteredOn(o -> o.toString().contains("events"))
              .extracting(o -> o.path("metadata").path("namespace").asText())
              .containsExactly("bondbridge-events", "bondbridge-events");
        });
  }
}
