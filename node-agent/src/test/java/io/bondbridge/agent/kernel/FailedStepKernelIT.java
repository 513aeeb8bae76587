package io.bondbridge.agent.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.Engine;
import io.bondbridge.agent.exec.CommandRunner;
import io.bondbridge.agent.exec.Iproute;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Route;
import io.bondbridge.agent.plan.AddressStep;
import io.bondbridge.agent.plan.LinkStep;
import io.bondbridge.agent.plan.Plan;
import io.bondbridge.agent.plan.Step;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.testkit.HostSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A step that fails in the middle of applying seed 000 (four ports, br0, the node IP moved from
 * eth0), through the ip session as the agent runs it: the steps done are undone and the host is
 * exactly as before, and reachable again — also when it fails in the middle of the address move,
 * which is one write. And a step that fails after a VLAN and its bridge were deleted: both come
 * back as they were.
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
    HostSnapshot before = lab.snapshot();

    FailNth runner = new FailNth(lab.ip, failing);
    Engine.Outcome outcome = lab.engine(runner).apply(spec);

    assertThat(runner.injected).as("the failure was injected").isTrue();
    assertThat(outcome.result().failedStep()).isEqualTo(steps.get(failing - 1));
    assertThat(outcome.result().done()).hasSize(failing - 1);
    assertThat(outcome.result().undoErrors()).as("undo errors").isEmpty();
    assertThat(lab.snapshot()).isEqualTo(before);
    lab.waitFor(Duration.ofSeconds(20), lab::peerReachesNode, "the peer to reach the node again");
  }

  @Test
  void aStepFailingInTheMiddleOfTheAddressMoveIsItsOwnAndWhatCameAfterItInTheWriteNeverRan() {
    Plan plan = lab.engine().plan(spec);
    List<Step> move = plan.writes().stream().filter(w -> w.size() > 1).findFirst().orElseThrow();
    Step onTop =
        move.stream().filter(s -> s instanceof AddressStep.AddAddress).findFirst().orElseThrow();
    assertThat(move.indexOf(onTop)).as("in the middle of the write").isBetween(1, move.size() - 2);
    int failing = plan.steps().indexOf(onTop) + 1;
    HostSnapshot before = lab.snapshot();
    int starts = lab.ip.starts();
    HostState[] atFailure = {null};

    FailNth runner = new FailNth(lab.ip, failing, () -> atFailure[0] = lab.host());
    Engine.Outcome outcome = lab.engine(runner).apply(spec);

    assertThat(runner.injected).as("the failure was injected").isTrue();
    assertThat(outcome.result().failedStep()).isEqualTo(onTop);
    assertThat(outcome.result().done()).isEqualTo(plan.steps().subList(0, failing - 1));
    // when the failure came back: the write's steps before it had run, those after it had not
    assertThat(atFailure[0].links().get("eth0").master()).isEqualTo("bond0");
    assertThat(atFailure[0].links().get("bond0").master()).isEqualTo("br0");
    assertThat(atFailure[0].addressesOn("eth0"))
        .extracting(a -> a.cidr())
        .containsExactly("10.0.0.2/24");
    assertThat(atFailure[0].routesVia("br0")).noneMatch(Route::isDefault);
    assertThat(outcome.result().undoErrors()).as("undo errors").isEmpty();
    assertThat(lab.snapshot()).isEqualTo(before);
    // the failure ended that ip; the undo went through a new one
    assertThat(lab.ip.starts()).isGreaterThan(starts);
    lab.waitFor(Duration.ofSeconds(20), lab::peerReachesNode, "the peer to reach the node again");
  }

  @Test
  void aFailureAfterAVlanAndItsBridgeWereRemovedBringsThemBackAsTheyWere() {
    BondBridgeNodeSpec withVlans = withVlans();
    KernelChecks.applyAndConverge(lab.engine(), withVlans);
    // removing the VLANs is all the plan does: br10 and bond0.10 are gone when bond0.20 fails
    List<Step> steps = lab.engine().plan(spec).steps();
    assertThat(steps.get(steps.size() - 1)).isEqualTo(deletion(steps, "bond0.20"));
    assertThat(steps).contains(deletion(steps, "br10"));

    assertFailingCommandLeavesVlansAsTheyWere(steps.size(), engine -> engine.apply(spec));
  }

  @Test
  void aTeardownFailingAfterAVlanAndItsBridgeWereRemovedBringsThemBackAsTheyWere() {
    BondBridgeNodeSpec withVlans = withVlans();
    KernelChecks.applyAndConverge(lab.engine(), withVlans);
    List<Step> steps = lab.engine().teardownPlan(withVlans).steps();
    int failing = after(steps, s -> s.equals(deletion(steps, "bond0.20")));
    assertThat(steps.subList(0, failing - 1)).contains(deletion(steps, "br10"));

    assertFailingCommandLeavesVlansAsTheyWere(failing, engine -> engine.delete(withVlans));
  }

  private void assertFailingCommandLeavesVlansAsTheyWere(
      int failing, Function<Engine, Engine.Outcome> run) {
    HostState applied = lab.host();
    HostSnapshot before = lab.snapshot();
    // not the defaults, or recreating the bridge with defaults would pass too
    assertThat(bridgeOptions(applied, "br10"))
        .containsEntry("stp_state", "1")
        .containsEntry("forward_delay", "400");
    assertThat(applied.links().get("bond0.10").mtu()).isEqualTo(1400);

    FailNth runner = new FailNth(lab.ip, failing);
    Engine.Outcome outcome = run.apply(lab.engine(runner));

    assertThat(runner.injected).as("the failure was injected").isTrue();
    assertThat(outcome.result().undoErrors()).as("undo errors").isEmpty();
    HostState after = lab.host();
    // the snapshot holds masters, MTUs, up, aliases and addresses; the bridge options on top
    assertThat(lab.snapshot()).isEqualTo(before);
    assertThat(bridgeOptions(after, "br10")).isEqualTo(bridgeOptions(applied, "br10"));
    // as FourPortVmBridgeKernelIT checks it: the node reaches its gateway, then the peer reaches
    // the node
    lab.waitFor(Duration.ofSeconds(20), lab::nodeReachesGateway, "the node to reach its gateway");
    lab.waitFor(Duration.ofSeconds(20), lab::peerReachesNode, "the peer to reach the node again");
  }

  /** Seed 000 plus VLAN 10 (MTU 1400) in a bridge with STP and VLAN 20 without one. */
  private static BondBridgeNodeSpec withVlans() {
    try {
      return Examples.fromYaml(
          Files.readString(Examples.examples().resolve("seed-000-four-port-bridge.yaml"))
              + """
                vlans:
                  - id: 10
                    mtu: 1400
                    bridge: {name: br10, stp: true, forwardDelay: 4}
                    ipv4: {mode: static, addresses: {squeeze: 192.168.10.1/24}}
                  - id: 20
              """);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> bridgeOptions(HostState host, String bridge) {
    Map<String, String> options = new LinkedHashMap<>();
    for (String key : List.of("stp_state", "forward_delay", "vlan_filtering")) {
      options.put(key, host.links().get(bridge).kindData().get(key));
    }
    return options;
  }

  private static Step deletion(List<Step> steps, String device) {
    return steps.stream()
        .filter(s -> s instanceof LinkStep.DeleteLink d && d.name().equals(device))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no step deletes " + device + " in " + steps));
  }

  /** The 1-based number of the applier's ip command that fails: the step after the named one. */
  private static int failingCommand(String where, List<Step> steps) {
    return switch (where) {
      case "first" -> 1;
      case "after bond created" -> after(steps, s -> s instanceof LinkStep.CreateBond);
      case "after first port" ->
          after(steps, s -> s instanceof LinkStep.SetMaster m && "bond0".equals(m.master()));
      case "after address moved" ->
          after(steps, s -> s instanceof AddressStep.DelAddress d && d.device().equals("eth0"));
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
   * Fails the Nth step for real, through the lab's ip session: its command is swapped for one the
   * kernel refuses (a device that does not exist), so the failure comes back from iproute2 in the
   * middle of a write as a step's own would, ends that ip, and the undo goes through a new one.
   * Every other command is the step's own. {@code atFailure} runs when the failure is back, before
   * the applier undoes anything.
   */
  private static final class FailNth implements Iproute {
    private final Iproute real;
    private final int failing;
    private final Runnable atFailure;
    private int count;
    private boolean injected;

    FailNth(Iproute real, int failing) {
      this(real, failing, () -> {});
    }

    FailNth(Iproute real, int failing, Runnable atFailure) {
      this.real = real;
      this.failing = failing;
      this.atFailure = atFailure;
    }

    @Override
    public List<CommandRunner.Result> run(List<List<String>> commands) {
      List<List<String>> sent = new ArrayList<>();
      boolean now = false;
      for (List<String> command : commands) {
        boolean step = !command.get(0).startsWith("-"); // reads come with -j
        if (!injected && step && ++count == failing) {
          injected = now = true;
          sent.add(List.of("link", "set", "dev", "bb-injected", "up"));
        } else {
          sent.add(command);
        }
      }
      List<CommandRunner.Result> results = real.run(sent);
      if (now) {
        atFailure.run();
      }
      return results;
    }
  }
}
