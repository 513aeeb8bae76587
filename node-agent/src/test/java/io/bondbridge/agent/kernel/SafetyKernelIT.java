package io.bondbridge.agent.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.Engine;
import io.bondbridge.agent.apply.Applier;
import io.bondbridge.agent.cli.SpecFile;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Route;
import io.bondbridge.agent.plan.Step;
import io.bondbridge.agent.safety.Verdict;
import io.bondbridge.api.v1alpha1.Bond;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.BondBridgeSpec;
import io.bondbridge.api.v1alpha1.BondMode;
import io.bondbridge.api.v1alpha1.BondOptions;
import io.bondbridge.api.v1alpha1.Ipv4;
import io.bondbridge.api.v1alpha1.Ipv4Mode;
import io.bondbridge.api.v1alpha1.PortSelector;
import io.bondbridge.api.v1alpha1.Probes;
import io.bondbridge.api.v1alpha1.Vlan;
import io.bondbridge.testkit.HostSnapshot;
import io.bondbridge.testkit.PeerPing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue "keep the node reachable" on a real kernel: the node's own address moved under a ping,
 * changes that cut the node off rolled back by the probes, and an agent killed at every step
 * boundary leaving the host fully old (after recovery) or fully new (after the next apply).
 */
class SafetyKernelIT {
  private KernelLab lab;
  private Path stateDir;

  @BeforeEach
  void lab() throws IOException {
    lab = KernelLab.withNics(2);
    stateDir = Files.createTempDirectory("bondbridge-state");
  }

  @AfterEach
  void clean() {
    lab.close();
  }

  private Engine guarded(Applier.Listener hooks) {
    return lab.guarded(stateDir, hooks);
  }

  private static BondBridgeNodeSpec spec(Ipv4 ipv4, List<Vlan> vlans, int timeoutSeconds) {
    Bond bond =
        new Bond(
            "bond0",
            BondMode.ACTIVE_BACKUP,
            List.of(PortSelector.byName("eth0"), PortSelector.byName("eth1")),
            "eth0",
            BondOptions.none(),
            null);
    BondBridgeSpec spec =
        new BondBridgeSpec(
            null,
            bond,
            vlans,
            io.bondbridge.api.v1alpha1.Bridge.named("br0"),
            ipv4,
            null,
            null,
            new Probes(timeoutSeconds, true, false, null),
            null,
            null);
    return SpecFile.resolve("guarded", spec, "node-a");
  }

  @Test
  void movesTheNodeAddressUnderAPingAndKeepsTheGateway() {
    PeerPing ping = lab.peerPings(KernelLab.NODE_IP, Duration.ofMillis(10), Duration.ofSeconds(12));
    Engine.Outcome outcome =
        guarded(new Applier.Listener() {}).apply(spec(Ipv4.inherit(), null, 30));
    ping.awaitEnd(Duration.ofSeconds(60));

    assertThat(outcome.ok()).as("%s", outcome.verdict()).isTrue();
    assertThat(outcome.verdict().requiredProbes()).containsExactly("default gateway");
    HostState host = lab.host();
    assertThat(host.addressesOn("br0")).extracting(a -> a.cidr()).containsExactly("10.0.0.2/24");
    assertThat(host.routesVia("br0")).filteredOn(Route::isDefault).hasSize(1);
    assertThat(lab.nodeReachesGateway()).isTrue();
    assertThat(ping.replies()).isPositive();
    System.out.printf(
        "BENCH safety.inherit-under-ping: %d pings sent every 10 ms, %d lost; apply %d ms, probes"
            + " %d ms%n",
        ping.sent(),
        ping.lost(),
        outcome.verdict().applyTime().toMillis(),
        outcome.verdict().probeTime().toMillis());
    Engine.Outcome teardown =
        guarded(new Applier.Listener() {}).delete(spec(Ipv4.inherit(), null, 30));
    assertThat(teardown.ok()).isTrue();
    assertThat(lab.host().addressesOn("eth0"))
        .extracting(a -> a.cidr())
        .containsExactly("10.0.0.2/24");
    assertThat(lab.host().routesVia("eth0")).filteredOn(Route::isDefault).hasSize(1);
  }

  @Test
  void aWrongGatewayIsRolledBack() {
    HostSnapshot before = lab.snapshot();
    Ipv4 wrongGateway =
        new Ipv4(Ipv4Mode.STATIC, Map.of("node-a", "10.0.0.2/24"), null, "10.0.0.99", null, null);

    long start = System.nanoTime();
    Engine.Outcome outcome = guarded(new Applier.Listener() {}).apply(spec(wrongGateway, null, 5));
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(outcome.rolledBack()).isTrue();
    assertThat(outcome.verdict().failedProbe())
        .isEqualTo("default gateway 10.0.0.99 does not answer");
    assertThat(outcome.verdict().hostRestored()).isTrue();
    assertThat(lab.snapshot()).isEqualTo(before);
    lab.waitFor(Duration.ofSeconds(20), lab::peerReachesNode, "the peer to reach the node again");
    System.out.printf(
        "BENCH safety.rollback-wrong-gateway: detected after %d ms of probing (timeout 5 s),"
            + " whole apply+rollback %d ms%n",
        outcome.verdict().probeTime().toMillis(), millis);
  }

  @Test
  void aVlanTheSwitchDoesNotCarryIsRolledBack() {
    HostSnapshot before = lab.snapshot();
    Vlan vlan10 =
        new Vlan(
            10,
            null,
            null,
            null,
            new Ipv4(
                Ipv4Mode.STATIC, Map.of("node-a", "10.0.0.2/24"), null, "10.0.0.1", null, null),
            null);

    Engine.Outcome outcome =
        guarded(new Applier.Listener() {}).apply(spec(Ipv4.none(), List.of(vlan10), 5));

    assertThat(outcome.rolledBack()).as("%s", outcome).isTrue();
    assertThat(outcome.verdict().failedProbe())
        .isEqualTo("default gateway 10.0.0.1 does not answer");
    assertThat(lab.snapshot()).isEqualTo(before);
    lab.waitFor(Duration.ofSeconds(20), lab::peerReachesNode, "the peer to reach the node again");
  }

  /** Thrown by the injected hook: the agent "dies" right after a step, with no cleanup at all. */
  private static final class AgentKilled extends Error {}

  @Test
  void anAgentKilledAtAnyStepBoundaryLeavesTheHostFullyOldOrFullyNew() {
    BondBridgeNodeSpec spec = spec(Ipv4.inherit(), null, 30);
    HostSnapshot old = lab.snapshot();
    assertThat(guarded(new Applier.Listener() {}).apply(spec).ok()).isTrue();
    HostSnapshot fresh = lab.snapshot();
    int steps = guarded(new Applier.Listener() {}).teardownPlan(spec).steps().size();
    assertThat(guarded(new Applier.Listener() {}).delete(spec).ok()).isTrue();
    assertThat(lab.snapshot()).isEqualTo(old);
    int planSteps = guarded(new Applier.Listener() {}).plan(spec).steps().size();
    assertThat(steps).isPositive();

    for (int k = 1; k < planSteps; k++) {
      int killAfter = k;
      int[] done = {0};
      Applier.Listener killer =
          new Applier.Listener() {
            @Override
            public void afterStep(Step step) {
              if (++done[0] == killAfter) {
                throw new AgentKilled();
              }
            }
          };
      try {
        guarded(killer).apply(spec);
      } catch (AgentKilled expected) {
        // the process is gone as far as the host is concerned: no undo ran
      }

      Verdict recovered = guarded(new Applier.Listener() {}).recover(spec).orElseThrow();

      assertThat(recovered.kind()).isEqualTo(Verdict.Kind.ROLLED_BACK);
      assertThat(recovered.restoreErrors()).as("restore after a kill at step %d", k).isEmpty();
      assertThat(lab.snapshot()).as("after a kill at step %d and recovery", k).isEqualTo(old);
    }
    // and from the old state, the next run (the restarted agent) reaches the new state
    assertThat(guarded(new Applier.Listener() {}).apply(spec).ok()).isTrue();
    assertThat(lab.snapshot()).isEqualTo(fresh);
  }

  @Test
  void aRealSigkillMidApplyIsRolledBackByTheNextRun() throws Exception {
    Path spec = stateDir.resolve("bond.yaml");
    Files.writeString(spec, Files.readString(Examples.examples().resolve("bond.yaml")));
    HostSnapshot old = lab.snapshot();

    Process agent =
        new ProcessBuilder(
                javaCommand(
                    "apply",
                    "-f",
                    spec.toString(),
                    "--node",
                    "node-a",
                    "--state-dir",
                    stateDir.toString(),
                    "--crash-after-step",
                    "8"))
            .redirectErrorStream(true)
            .start();
    String output = new String(agent.getInputStream().readAllBytes());
    assertThat(agent.waitFor()).as(output).isEqualTo(137);
    assertThat(Files.exists(stateDir.resolve("vm-uplink.checkpoint.json"))).isTrue();

    Process rollback =
        new ProcessBuilder(
                javaCommand("rollback", "-f", spec.toString(), "--state-dir", stateDir.toString()))
            .redirectErrorStream(true)
            .start();
    String rollbackOutput = new String(rollback.getInputStream().readAllBytes());
    assertThat(rollback.waitFor()).as(rollbackOutput).isZero();

    assertThat(lab.snapshot()).isEqualTo(old);
    lab.waitFor(Duration.ofSeconds(20), lab::peerReachesNode, "the peer to reach the node again");
  }

  private static List<String> javaCommand(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-cp",
            System.getProperty("java.class.path")));
    command.add("io.bondbridge.agent.cli.BondBridgeCli");
    command.addAll(List.of(args));
    return command;
  }
}
