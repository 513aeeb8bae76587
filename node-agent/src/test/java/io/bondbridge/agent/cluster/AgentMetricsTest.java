package io.bondbridge.agent.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The scrape as Prometheus sees it: the metric names the README and dashboards rely on, and
 * promtool's lint (Debian package prometheus, installed by scripts/setup.sh).
 */
class AgentMetricsTest {

  private static String scrape() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    AgentMetrics metrics = new AgentMetrics(registry);
    metrics.observed(CapturedHosts.host("seed001").bond("bond0").get());
    metrics.observed(CapturedHosts.host("failover").bond("bond0").get());
    metrics.failover("bond0");
    metrics.applied("applied", Duration.ofMillis(420));
    metrics.applied("refused", Duration.ofMillis(3));
    metrics.linkEvent();
    metrics.statusWritten();
    metrics.linkEventToStatus(Duration.ofMillis(80));
    return registry.scrape();
  }

  @Test
  void perPortLinkStateFailuresActivePortFailoversAndApplies() {
    String scrape = scrape();

    assertThat(scrape)
        .contains("bondbridge_agent_port_link_up{bond=\"bond0\",port=\"eth0\"} 0")
        .contains("bondbridge_agent_port_link_up{bond=\"bond0\",port=\"eth1\"} 1")
        .contains("bondbridge_agent_port_link_failures_total{bond=\"bond0\",port=\"eth0\"} 1")
        .contains("bondbridge_agent_bond_active_port{bond=\"bond0\",port=\"eth1\"} 1")
        .contains("bondbridge_agent_bond_active_port{bond=\"bond0\",port=\"eth0\"} 0")
        .contains("bondbridge_agent_failovers_total{bond=\"bond0\"} 1")
        .contains("bondbridge_agent_apply_seconds_count{result=\"applied\"} 1")
        .contains("bondbridge_agent_apply_seconds_count{result=\"refused\"} 1")
        .contains("bondbridge_agent_link_events_total 1")
        .contains("bondbridge_agent_status_writes_total 1")
        .contains("bondbridge_agent_link_event_to_status_seconds_count 1");
  }

  @Test
  void aTornDownBondLeavesNoSeries() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    AgentMetrics metrics = new AgentMetrics(registry);
    metrics.observed(CapturedHosts.host("seed001").bond("bond0").get());

    metrics.forget("bond0");

    assertThat(registry.scrape()).doesNotContain("port=\"eth0\"");
  }

  @Test
  void promtoolFindsNothingToLint() throws IOException, InterruptedException {
    assumeTrue(
        new File("/usr/bin/promtool").canExecute(),
        "promtool not installed (apt-get install prometheus; scripts/setup.sh does it)");
    Process p =
        new ProcessBuilder("/usr/bin/promtool", "check", "metrics")
            .redirectErrorStream(true)
            .start();
    p.getOutputStream().write(scrape().getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

    assertThat(out).as("promtool check metrics").isEmpty();
    assertThat(p.exitValue()).isZero();
  }
}
