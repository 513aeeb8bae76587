package io.bondbridge.agent.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.Engine;
import io.bondbridge.agent.exec.CommandRunner;
import io.bondbridge.agent.plan.Step;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A step that fails in the middle of applying seed 000 (four ports, br0, the node IP moved from
 * eth0): the steps done are undone and the host is exactly as before, and reachable again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FailedStepKernelIT {
  private KernelLab lab;
  private BondBridgeNodeSpec spec;

  @BeforeAll
  void lab() {
    lab = KernelLab.withNics(4);
    spec = Examples.load("seed-000-four-port-bridge.yaml");
  }

  @AfterEach
  void restore() {
    lab.restore();
  }

  @AfterAll
  void close() {
    if (lab != null) {
      lab.close();
    }
  }

  @ParameterizedTest(name = "the step {0} fails")
  @ValueSource(
      strings = {"first", "after bond created", "after first port", "after address moved", "last"})
  void aFailingStepLeavesTheHostAsItWas(String where) {
    List<Step> steps = lab.engine().plan(spec).steps();
    int failing = failingCommand(where, steps);
    HostSnapshot before = HostSnapshot.of(lab.host());

    FailNth runner = new FailNth(lab.runner, failing);
    Engine.Outcome outcome = lab.engine(runner).apply(spec);

    assertThat(runner.injected).as("the failure was injected").isTrue();
    assertThat(outcome.result().failedStep()).isEqualTo(steps.get(failing - 1));
    assertThat(outcome.result().done()).hasSize(failing - 1);
    assertThat(outcome.result().undoErrors()).as("undo errors").isEmpty();
    assertThat(HostSnapshot.of(lab.host())).isEqualTo(before);
    lab.waitFor(Duration.ofSeconds(20), lab::peerReachesNode, "the peer to reach the node again");
  }

  /** The 1-based number of the applier's ip command that fails: the step after the named one. */
  private static int failingCommand(String where, List<Step> steps) {
    return switch (where) {
      case "first" -> 1;
      case "after bond created" -> after(steps, s -> s instanceof Step.CreateBond);
      case "after first port" ->
          after(steps, s -> s instanceof Step.SetMaster m && "bond0".equals(m.master()));
      case "after address moved" ->
          after(steps, s -> s instanceof Step.DelAddress d && d.device().equals("eth0"));
      case "last" -> steps.size();
      default -> throw new IllegalArgumentException(where);
    };
  }

  private static int after(List<Step> steps, Predicate<Step> step) {
    for (int i = 0; i < steps.size(); i++) {
      if (step.test(steps.get(i))) {
        return i + 2; // index i is command i + 1; the next one fails
      }
    }
    throw new AssertionError("no such step in " + steps);
  }

  /**
   * The one fake of the kernel tier: fails the Nth command as ip would (exit 2, a message on
   * stderr) without running it; every other command runs for real.
   */
  private static final class FailNth implements CommandRunner {
    private final CommandRunner real;
    private final int failing;
    private int count;
    private boolean injected;

    FailNth(CommandRunner real, int failing) {
      this.real = real;
      this.failing = failing;
    }

    @Override
    public Result run(List<String> command, String stdin) {
      if (!injected && command.get(0).equals("ip") && ++count == failing) {
        injected = true;
        return new Result(2, "", "RTNETLINK answers: Operation not permitted (injected by test)");
      }
      return real.run(command, stdin);
    }
  }
}
