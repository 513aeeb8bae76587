package io.bondbridge.agent.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bondbridge.agent.cli.BondBridgeCli;
import io.bondbridge.agent.exec.ProcessRunner;
import io.bondbridge.testkit.HostSnapshot;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The one-host CLI by hand on a real kernel, as an admin would use it on seed 000's server: plan,
 * apply, plan again, show, delete; a refused spec and a missing file, with their exit codes.
 */
class CliKernelIT {
  private KernelLab lab;

  @BeforeEach
  void lab() {
    lab = KernelLab.withNics(4);
  }

  @AfterEach
  void clean() {
    lab.close();
  }

  /** Exit code and output of one CLI run. */
  private record Run(int exit, String out, String err) {}

  private static Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        BondBridgeCli.run(
            new ProcessRunner(), new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void planApplyShowDeleteByHand() throws Exception {
    String seed000 = Examples.examples().resolve("seed-000-four-port-bridge.yaml").toString();

    Run plan = cli("plan", "-f", seed000, "--node", Examples.NODE);
    assertThat(plan.exit()).as("plan: %s", plan).isZero();
    assertThat(plan.out())
        .contains(
            "1. ip link add name bond0 type bond mode active-backup miimon 100",
            "ip link set dev eth0 master bond0",
            "ip addr add 10.0.0.2/24 dev br0");

    Run apply = cli("apply", "-f", seed000, "--node", Examples.NODE);
    assertThat(apply.exit()).as("apply: %s", apply).isZero();
    assertThat(apply.out()).contains("applied:");
    assertThat(lab.sysfs("bond0", "slaves")).isEqualTo("eth0 eth1 eth2 eth3");

    Run again = cli("plan", "-f", seed000, "--node", Examples.NODE);
    assertThat(again.exit()).isZero();
    assertThat(again.out()).contains("nothing to do");

    Run json = cli("show", "-o", "json");
    assertThat(json.exit()).as("show: %s", json).isZero();
    JsonNode host = new ObjectMapper().readTree(json.out());
    assertThat(host.path("links").path("bond0").path("master").asText()).isEqualTo("br0");
    assertThat(host.path("bonds").path("bond0").path("ports")).hasSize(4);

    Run table = cli("show");
    assertThat(table.out()).contains("Bond bond0", "Bridge br0", "Currently active port:");

    Run delete = cli("delete", "-f", seed000, "--node", Examples.NODE);
    assertThat(delete.exit()).as("delete: %s", delete).isZero();
    assertThat(lab.host().links()).doesNotContainKeys("bond0", "br0");
    assertThat(lab.host().addressesOn("eth0")).extracting(a -> a.cidr()).contains("10.0.0.2/24");

    HostSnapshot before = lab.snapshot();
    Path refused =
        Examples.write(
            """
            apiVersion: bondbridge.io/v1alpha1
            kind: BondBridge
            metadata: {name: refused}
            spec:
              bond: {name: bond0, mode: active-backup, ports: [{name: eth0}, {name: eth9}]}
            """);
    Run refusedApply = cli("apply", "-f", refused.toString(), "--node", Examples.NODE);
    assertThat(refusedApply.exit()).as("refused: %s", refusedApply).isEqualTo(3);
    assertThat(refusedApply.out()).contains("refused", "eth9");
    assertThat(lab.snapshot()).isEqualTo(before);

    Run missing = cli("plan", "-f", "/nonexistent/bond.yaml");
    assertThat(missing.exit()).as("missing file: %s", missing).isEqualTo(2);
    assertThat(missing.err()).contains("/nonexistent/bond.yaml");
  }
}
