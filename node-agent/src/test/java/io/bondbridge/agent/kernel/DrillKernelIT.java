package io.bondbridge.agent.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bondbridge.testkit.HostSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seed 001's failover test (NEC's procedure: pull each cable in turn, watch /proc/net/bonding, plug
 * it back), as {@code bondbridge drill} runs it on a real kernel: a two-port and a four-port bond,
 * each port failed in turn while the gateway is pinged every 10 ms; the figures are printed, not
 * asserted; the host is as before afterwards. A drill with a port down already refuses and fails
 * nothing; {@code --method active} and {@code activate} switch the active port as {@code ifenslave
 * -c} did.
 */
class DrillKernelIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aTwoPortBondIsDrilledPortByPortAndARefusedDrillFailsNothing() throws Exception {
    try (KernelLab lab = KernelLab.withNics(2)) {
      String[] where = applied(lab, "bond.yaml", List.of("eth0", "eth1"));
      HostSnapshot before = lab.snapshot();

      JsonNode report = drill(where, "link", 0);
      assertThat(report.path("ports")).hasSize(2);
      JsonNode eth0 = report.path("ports").get(0);
      assertThat(eth0.path("port").asText()).isEqualTo("eth0");
      assertThat(eth0.path("wasActive").asBoolean()).isTrue();
      assertThat(eth0.path("activeAfter").asText()).isEqualTo("eth1");
      assertThat(report.path("ports").get(1).path("wasActive").asBoolean()).isFalse();
      lab.waitFor(Duration.ofSeconds(10), () -> "eth0".equals(lab.activePort("bond0")), "eth0");
      assertThat(lab.snapshot()).isEqualTo(before);

      JsonNode active = drill(where, "active", 0);
      assertThat(active.path("ports")).hasSize(1);
      assertThat(active.path("ports").get(0).path("activeAfter").asText()).isEqualTo("eth1");
      assertThat(lab.activePort("bond0")).isEqualTo("eth0");

      assertThat(Cli.run("activate", new String[] {"bond0", "eth1"}))
          .startsWith("0:")
          .contains("bond0: active port eth1 (was eth0)");
      assertThat(lab.activePort("bond0")).isEqualTo("eth1");
      assertThat(Cli.run("activate", new String[] {"bond0", "eth9"}))
          .startsWith("3:")
          .contains("eth9 is not a port of bond0");
      assertThat(Cli.run("activate", new String[] {"bond0", "eth0"})).startsWith("0:");

      lab.pull("eth1");
      lab.waitFor(
          Duration.ofSeconds(10),
          () -> "down".equals(lab.portSysfs("eth1", "mii_status")),
          "eth1 down");
      HostSnapshot pulled = lab.snapshot();
      String refused = Cli.run("drill", where);
      assertThat(refused).startsWith("3:").contains("eth1 is down already");
      assertThat(lab.snapshot()).isEqualTo(pulled);
      assertThat(lab.activePort("bond0")).isEqualTo("eth0");
      lab.plug("eth1");
    }
  }

  @Test
  void theProbeTargetsArePingedWithTheGatewayAndOneThatFailsRefusesTheDrill() throws Exception {
    try (KernelLab lab = KernelLab.withNics(2)) {
      applied(lab, "bond.yaml", List.of("eth0", "eth1"));
      HostSnapshot before = lab.snapshot();

      String[] withPeer = withTargets("      - address: " + KernelLab.PEER_IP + "\n");
      JsonNode report = drill(withPeer, "link", 0);
      assertThat(JSON.convertValue(report.path("targets"), List.class))
          .containsExactly(KernelLab.PEER_IP);
      assertThat(report.path("ports")).hasSize(2);
      lab.waitFor(Duration.ofSeconds(10), () -> "eth0".equals(lab.activePort("bond0")), "eth0");
      assertThat(lab.snapshot()).isEqualTo(before);

      // nothing answers at 10.0.0.99, nor on the peer's TCP port 9: no port is failed
      String silent = Cli.run("drill", withTargets("      - address: 10.0.0.99\n"));
      assertThat(silent).startsWith("3:").contains("the probes fail before the drill", "10.0.0.99");
      String closed =
          Cli.run(
              "drill",
              withTargets("      - address: " + KernelLab.PEER_IP + "\n        port: 9\n"));
      assertThat(closed).startsWith("3:").contains("probe target " + KernelLab.PEER_IP + ":9");
      assertThat(lab.snapshot()).isEqualTo(before);
    }
  }

  /** examples/bond.yaml with these probes.targets lines, in a file of its own; -f FILE --node. */
  private static String[] withTargets(String targets) throws Exception {
    String yaml = Files.readString(Examples.examples().resolve("bond.yaml"));
    String marker = "    apiServer: true\n";
    assertThat(yaml).contains(marker);
    Path file = Files.createTempFile("bondbridge-drill-targets", ".yaml");
    Files.writeString(file, yaml.replace(marker, marker + "    targets:\n" + targets));
    return new String[] {"-f", file.toString(), "--node", Examples.NODE};
  }

  @Test
  void aFourPortBondIsDrilledPortByPortAndLeftAsBefore() throws Exception {
    try (KernelLab lab = KernelLab.withNics(4)) {
      String[] where =
          applied(lab, "seed-000-four-port-bridge.yaml", List.of("eth0", "eth1", "eth2", "eth3"));
      HostSnapshot before = lab.snapshot();

      JsonNode report = drill(where, "link", 0);
      assertThat(report.path("ports")).hasSize(4);
      assertThat(report.path("ports").findValuesAsText("port"))
          .containsExactly("eth0", "eth1", "eth2", "eth3");
      lab.waitFor(Duration.ofSeconds(10), () -> "eth0".equals(lab.activePort("bond0")), "eth0");
      assertThat(lab.snapshot()).isEqualTo(before);
    }
  }

  /** Applies the example by the CLI and waits for every port up; the CLI's where-arguments. */
  private static String[] applied(KernelLab lab, String example, List<String> ports)
      throws Exception {
    Path state = Files.createTempDirectory("bondbridge-drill");
    String[] where = {
      "-f",
      Examples.examples().resolve(example).toString(),
      "--node",
      Examples.NODE,
      "--state-dir",
      state.toString()
    };
    assertThat(Cli.run("apply", where)).startsWith("0:");
    for (String port : ports) {
      lab.waitFor(
          Duration.ofSeconds(15),
          () -> "up".equals(lab.portSysfs(port, "mii_status")),
          port + " up");
    }
    return new String[] {where[0], where[1], where[2], where[3]};
  }

  /** Runs the drill with -o json; prints each port's figures; the report. */
  private static JsonNode drill(String[] where, String method, int exit) throws Exception {
    String run = Cli.run("drill", where, "--method", method, "-o", "json");
    assertThat(run).startsWith(exit + ":");
    JsonNode report = JSON.readTree(run.substring(run.indexOf(':') + 1));
    for (JsonNode port : report.path("ports")) {
      System.out.printf(
          "BENCH drill.%s.%s.%s: failover %s ms, %d pings of 10 ms lost (longest silence %d ms),"
              + " whole again after %s ms, %d lost%n",
          report.path("bond").asText(),
          method,
          port.path("port").asText(),
          port.path("failoverMillis").asText(),
          port.path("lost").asInt(),
          port.path("longestSilenceMillis").asLong(),
          port.path("restoreMillis").asText(),
          port.path("restoreLost").asInt());
      assertThat(port.path("failoverMillis").isNumber()).as("%s", port).isTrue();
      assertThat(port.path("restoreMillis").isNumber()).as("%s", port).isTrue();
    }
    return report;
  }
}
