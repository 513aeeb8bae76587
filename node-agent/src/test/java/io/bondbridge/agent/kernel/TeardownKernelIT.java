package io.bondbridge.agent.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.Engine;
import io.bondbridge.agent.apply.Applier;
import io.bondbridge.agent.plan.Origins;
import io.bondbridge.agent.plan.Step;
import io.bondbridge.agent.safety.StateDir;
import io.bondbridge.agent.safety.Verdict;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.testkit.HostSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Teardown under the same guard as an apply, on a real kernel (examples/bond.yaml: bond0 over eth0
 * and eth1, br0, the node address inherited from eth0): an agent killed at every step boundary of
 * the teardown finds its checkpoint and rolls the host back to exactly how it was before the
 * teardown; a teardown after which the gateway no longer answers is rolled back. Rolling back
 * rather than finishing: the state before was probed and known to reach the gateway, a half torn
 * down host is not, and the teardown is simply tried again from the start.
 */
class TeardownKernelIT {
  private KernelLab lab;
  private Path stateDir;
  private StateDir store;

  @BeforeEach
  void lab() throws IOException {
    lab = KernelLab.withNics(2);
    stateDir = Files.createTempDirectory("bondbridge-state");
    store = new StateDir(stateDir);
  }

  @AfterEach
  void clean() {
    lab.close();
  }

  private Engine guarded(Applier.Listener hooks) {
    return lab.guarded(stateDir, hooks);
  }

  private static Engine.Outcome delete(Engine engine, BondBridgeNodeSpec spec) {
    return engine.delete(spec);
  }

  /** bond.yaml with a probe timeout short enough for a test. */
  private static BondBridgeNodeSpec spec() {
    try {
      return Examples.fromYaml(
          Files.readString(Examples.examples().resolve("bond.yaml"))
              .replace("timeoutSeconds: 60", "timeoutSeconds: 5"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Thrown by the injected hook: the agent "dies" right after a step, with no cleanup at all. */
  private static final class AgentKilled extends Error {}

  @Test
  void aTeardownKilledAtEveryStepBoundaryIsRolledBackToTheHostAsItWasBeforeIt() {
    BondBridgeNodeSpec spec = spec();
    HostSnapshot old = lab.snapshot();
    Engine.Outcome applied = guarded(new Applier.Listener() {}).apply(spec);
    assertThat(applied.ok()).as("%s", applied.verdict()).isTrue();
    HostSnapshot before = settled(lab.snapshot());
    Origins record = store.origins(spec.bondBridge());
    assertThat(record.addresses()).containsEntry(KernelLab.NODE_CIDR, "eth0");
    int steps = guarded(new Applier.Listener() {}).teardownPlan(spec).steps().size();
    assertThat(steps).isGreaterThan(5);

    for (int k = 1; k <= steps; k++) {
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
        delete(guarded(killer), spec);
        throw new AssertionError("the teardown was not killed after step " + k);
      } catch (AgentKilled expected) {
        // the process is gone as far as the host is concerned: no undo ran
      }
      assertThat(store.read(spec.bondBridge()))
          .as("checkpoint after a kill at step %d", k)
          .isPresent();

      Verdict recovered = guarded(new Applier.Listener() {}).recover(spec).orElseThrow();

      assertThat(recovered.kind()).isEqualTo(Verdict.Kind.ROLLED_BACK);
      assertThat(recovered.failedProbe())
          .isEqualTo("the agent stopped in the middle of the teardown");
      assertThat(recovered.restoreErrors()).as("restore after a kill at step %d", k).isEmpty();
      assertThat(settled(before))
          .as("after a kill at step %d of %d and recovery", k, steps)
          .isEqualTo(before);
      assertThat(store.origins(spec.bondBridge())).as("the record, step %d", k).isEqualTo(record);
      lab.waitFor(Duration.ofSeconds(20), lab::peerReachesNode, "the peer to reach the node");
    }
    // and the next teardown (the restarted agent's) goes through, the record with it
    Engine.Outcome teardown = delete(guarded(new Applier.Listener() {}), spec);
    assertThat(teardown.ok()).as("%s", teardown.verdict()).isTrue();
    assertThat(settled(old)).isEqualTo(old);
    assertThat(store.origins(spec.bondBridge())).isEqualTo(Origins.none());
  }

  @Test
  void aTeardownAfterWhichTheGatewayNoLongerAnswersIsRolledBack() {
    BondBridgeNodeSpec spec = spec();
    assertThat(guarded(new Applier.Listener() {}).apply(spec).ok()).isTrue();
    // eth0's cable is out: the bond carries the node over eth1, but the address the teardown
    // gives back to eth0 (where it came from) reaches nothing
    lab.pull("eth0");
    lab.waitFor(Duration.ofSeconds(20), lab::nodeReachesGateway, "the node to reach its gateway");
    HostSnapshot before = settled(lab.snapshot());
    Origins record = store.origins(spec.bondBridge());

    Engine.Outcome teardown = delete(guarded(new Applier.Listener() {}), spec);

    assertThat(teardown.rolledBack()).as("%s", teardown).isTrue();
    assertThat(teardown.verdict().failedProbe())
        .isEqualTo("default gateway " + KernelLab.GATEWAY + " does not answer");
    assertThat(teardown.verdict().hostRestored()).isTrue();
    assertThat(teardown.failure()).contains("rolled back");
    assertThat(settled(before)).isEqualTo(before);
    assertThat(store.origins(spec.bondBridge())).isEqualTo(record);
    assertThat(store.read(spec.bondBridge())).isEmpty();
    lab.waitFor(Duration.ofSeconds(20), lab::nodeReachesGateway, "the node to reach its gateway");
    lab.waitFor(Duration.ofSeconds(20), lab::peerReachesNode, "the peer to reach the node");
  }

  /**
   * The host's snapshot once what moves by itself has settled (a port enslaved again waits out the
   * bond's updelay before it is up and active): the first that equals {@code expected} within 20 s,
   * else the last one read, for the assertion to show the difference.
   */
  private HostSnapshot settled(HostSnapshot expected) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    HostSnapshot now = lab.snapshot();
    while (!now.equals(expected) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      now = lab.snapshot();
    }
    return now;
  }
}
