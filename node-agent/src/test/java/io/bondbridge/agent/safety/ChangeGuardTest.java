package io.bondbridge.agent.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.apply.Applier;
import io.bondbridge.agent.exec.CommandRunner;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Route;
import io.bondbridge.agent.plan.AddressStep;
import io.bondbridge.agent.plan.LinkStep;
import io.bondbridge.agent.plan.Origins;
import io.bondbridge.agent.plan.Plan;
import io.bondbridge.agent.plan.Step;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guard's logic with a scripted host: {@code ip} commands are recorded and succeed, {@code
 * ping} answers as the test says. (A fake of the kernel for the unit tier; the kernel tier runs the
 * same guard against a real one.)
 */
class ChangeGuardTest {
  private static final Plan PLAN =
      Plan.of(
          List.of(
              new LinkStep.CreateBond("bond0", Map.of("mode", "active-backup")),
              new LinkStep.SetMaster("eth0", "bond0", null),
              new AddressStep.AddAddress("bond0", "10.0.0.2/24")));
  private static final HostState HOST =
      HostState.of(
          List.of(), List.of(), List.of(), List.of(Route.of("default", "10.0.0.1", "bond0")));

  /** bond0 (eth0) with the node address torn down: the address goes back to eth0. */
  private static final Plan TEARDOWN =
      Plan.of(
          List.of(
              new LinkStep.SetMaster("eth0", null, "bond0"),
              new AddressStep.AddAddress("eth0", "10.0.0.2/24"),
              new AddressStep.DelAddress("bond0", "10.0.0.2/24"),
              new LinkStep.DeleteLink(
                  "bond0",
                  List.of(
                      new LinkStep.CreateBond("bond0", Map.of("mode", "active-backup")),
                      new LinkStep.SetAlias("bond0", "bondbridge:vm-uplink", null)))));

  private static final Origins RECORD = new Origins(Map.of("10.0.0.2/24", "eth0"), List.of());

  @TempDir Path dir;
  final List<String> commands = new ArrayList<>();
  final AtomicBoolean gatewayAnswers = new AtomicBoolean(true);
  final List<Integer> journalSizes = new ArrayList<>();
  StateDir store;

  private ChangeGuard guard() {
    store = new StateDir(dir);
    CommandRunner runner =
        (command, stdin) -> {
          if (command.get(0).equals("ping")) {
            return new CommandRunner.Result(gatewayAnswers.get() ? 0 : 1, "", "");
          }
          if (command.get(0).equals("arping")) {
            return new CommandRunner.Result(0, "", ""); // announcements run beside the steps
          }
          commands.add(String.join(" ", command));
          store.read("vm-uplink").ifPresent(c -> journalSizes.add(c.steps().size()));
          return new CommandRunner.Result(0, "", "");
        };
    return new ChangeGuard(
        new Applier(runner), store, new ProbeRunner(runner, () -> HOST), Clock.systemUTC());
  }

  private static Change change(List<Probe> probes, Duration timeout) {
    return Change.apply("vm-uplink", PLAN, probes, timeout);
  }

  @Test
  void aChangeWhoseProbesPassIsAppliedAndLeavesNoCheckpoint() {
    ChangeGuard guard = guard();

    Verdict verdict =
        guard.run(
            change(List.of(new Probe.Gateway()), Duration.ofSeconds(5)), new Applier.Listener() {});

    assertThat(verdict.kind()).isEqualTo(Verdict.Kind.APPLIED);
    assertThat(verdict.requiredProbes()).containsExactly("default gateway");
    assertThat(commands).hasSize(3);
    assertThat(store.read("vm-uplink")).isEmpty();
  }

  @Test
  void theJournalIsWrittenBeforeEachStepRuns() {
    guard().run(change(List.of(), Duration.ofSeconds(5)), new Applier.Listener() {});

    // while step n runs, the checkpoint on disk already names steps 1..n
    assertThat(journalSizes).containsExactly(1, 2, 3);
  }

  @Test
  void aProbeThatPassedBeforeButNotAfterRollsTheChangeBack() {
    ChangeGuard guard = guard();
    Applier.Listener cutOffAfterLastStep =
        new Applier.Listener() {
          @Override
          public void afterStep(Step step) {
            if (step instanceof AddressStep.AddAddress) {
              gatewayAnswers.set(false);
            }
          }
        };

    Verdict verdict =
        guard.run(change(List.of(new Probe.Gateway()), Duration.ofSeconds(1)), cutOffAfterLastStep);

    assertThat(verdict.kind()).isEqualTo(Verdict.Kind.ROLLED_BACK);
    assertThat(verdict.failedProbe()).isEqualTo("default gateway 10.0.0.1 does not answer");
    assertThat(commands.subList(3, commands.size()))
        .containsExactly(
            "ip addr del 10.0.0.2/24 dev bond0",
            "ip link set dev eth0 nomaster",
            "ip link del dev bond0");
    assertThat(verdict.hostRestored()).isTrue();
    assertThat(store.read("vm-uplink")).isEmpty();
  }

  @Test
  void aProbeFailingBeforeTheChangeIsNotRequiredAfterIt() {
    gatewayAnswers.set(false);

    Verdict verdict =
        guard()
            .run(
                change(List.of(new Probe.Gateway()), Duration.ofSeconds(1)),
                new Applier.Listener() {});

    assertThat(verdict.kind()).isEqualTo(Verdict.Kind.APPLIED);
    assertThat(verdict.notRequired())
        .containsExactly("default gateway: default gateway 10.0.0.1 does not answer");
  }

  @Test
  void anAgentThatDiedMidChangeRollsBackOnRestart() {
    ChangeGuard guard = guard();
    store.write(
        new Checkpoint(
            "vm-uplink",
            Checkpoint.Stage.APPLYING,
            PLAN.steps().subList(0, 2),
            List.of(new Probe.Gateway()),
            System.currentTimeMillis() + 60_000,
            "now",
            Change.Kind.APPLY,
            null));

    Verdict verdict = guard.recover("vm-uplink").orElseThrow();

    assertThat(verdict.kind()).isEqualTo(Verdict.Kind.ROLLED_BACK);
    assertThat(verdict.failedProbe()).isEqualTo("the agent stopped in the middle of the change");
    assertThat(commands).containsExactly("ip link set dev eth0 nomaster", "ip link del dev bond0");
    assertThat(store.read("vm-uplink")).isEmpty();
  }

  @Test
  void stepsWrittenAtOnceAreJournaledBeforeTheWriteAndAllTakenAsMaybeRunAfterADeath() {
    List<Integer> inFlight = new ArrayList<>();
    ChangeGuard guard = guard();
    Plan moved = Plan.of(PLAN.steps(), List.of(new Plan.Together(1, 3)));
    guard.run(
        Change.apply("vm-uplink", moved, List.of(), Duration.ofSeconds(5)),
        new Applier.Listener() {
          @Override
          public void beforeWrite(List<Step> steps, List<Step> undoSoFar) {
            store.read("vm-uplink").ifPresent(c -> inFlight.add(c.inFlight()));
          }
        });
    // the journal held all of the write's steps before any of them ran
    assertThat(journalSizes).containsExactly(1, 3, 3);
    assertThat(inFlight).containsExactly(2);

    // an agent that died in that write: neither of its steps may have run, so undoing them may
    // fail without it being an error; the step before them did run
    commands.clear();
    CommandRunner failsEveryUndo =
        (command, stdin) -> {
          commands.add(String.join(" ", command));
          return new CommandRunner.Result(2, "", "RTNETLINK answers: No such device");
        };
    ChangeGuard recovering =
        new ChangeGuard(
            new Applier(failsEveryUndo),
            store,
            new ProbeRunner(failsEveryUndo, () -> HOST),
            Clock.systemUTC());
    store.write(
        new Checkpoint(
            "vm-uplink",
            Checkpoint.Stage.APPLYING,
            PLAN.steps(),
            List.of(),
            System.currentTimeMillis() + 60_000,
            "now",
            Change.Kind.APPLY,
            null,
            2));

    Verdict verdict = recovering.recover("vm-uplink").orElseThrow();

    assertThat(commands)
        .containsExactly(
            "ip addr del 10.0.0.2/24 dev bond0",
            "ip link set dev eth0 nomaster",
            "ip link del dev bond0");
    assertThat(verdict.restoreErrors())
        .containsExactly("ip link del dev bond0: RTNETLINK answers: No such device");
  }

  @Test
  void aFinishedChangeIsConfirmedOnRestartWhenItsProbesPass() {
    ChangeGuard guard = guard();
    store.write(
        new Checkpoint(
            "vm-uplink",
            Checkpoint.Stage.APPLIED,
            PLAN.steps(),
            List.of(new Probe.Gateway()),
            System.currentTimeMillis() + 60_000,
            "now",
            Change.Kind.APPLY,
            null));

    Verdict verdict = guard.recover("vm-uplink").orElseThrow();

    assertThat(verdict.kind()).isEqualTo(Verdict.Kind.CONFIRMED);
    assertThat(commands).isEmpty();
    assertThat(store.read("vm-uplink")).isEmpty();
  }

  @Test
  void aFinishedChangeWhoseProbesFailIsRolledBackOnRestart() {
    ChangeGuard guard = guard();
    gatewayAnswers.set(false);
    store.write(
        new Checkpoint(
            "vm-uplink",
            Checkpoint.Stage.APPLIED,
            PLAN.steps(),
            List.of(new Probe.Gateway()),
            System.currentTimeMillis() + 600,
            "now",
            Change.Kind.APPLY,
            null));

    Verdict verdict = guard.recover("vm-uplink").orElseThrow();

    assertThat(verdict.kind()).isEqualTo(Verdict.Kind.ROLLED_BACK);
    assertThat(commands).hasSize(3);
  }

  @Test
  void nothingToRecoverWithoutACheckpoint() {
    assertThat(guard().recover("vm-uplink")).isEmpty();
  }

  private static Change teardown(List<Probe> probes, Duration timeout) {
    return Change.teardown("vm-uplink", TEARDOWN, probes, timeout);
  }

  @Test
  void aConfirmedTeardownIsJournaledLikeAnApplyAndDeletesTheRecordOfInheritedAddresses() {
    ChangeGuard guard = guard();
    store.writeOrigins("vm-uplink", RECORD);

    Verdict verdict =
        guard.run(
            teardown(List.of(new Probe.Gateway()), Duration.ofSeconds(5)),
            new Applier.Listener() {});

    assertThat(verdict.kind()).isEqualTo(Verdict.Kind.APPLIED);
    assertThat(journalSizes).containsExactly(1, 2, 3, 4);
    assertThat(store.read("vm-uplink")).isEmpty();
    assertThat(store.origins("vm-uplink")).isEqualTo(Origins.none());
  }

  @Test
  void aTeardownWhoseProbesFailIsRolledBackAndKeepsTheRecord() {
    ChangeGuard guard = guard();
    store.writeOrigins("vm-uplink", RECORD);
    Applier.Listener cutOffOnceTheAddressMoved =
        new Applier.Listener() {
          @Override
          public void afterStep(Step step) {
            if (step instanceof AddressStep.DelAddress) {
              gatewayAnswers.set(false);
            }
          }
        };

    Verdict verdict =
        guard.run(
            teardown(List.of(new Probe.Gateway()), Duration.ofSeconds(1)),
            cutOffOnceTheAddressMoved);

    assertThat(verdict.kind()).isEqualTo(Verdict.Kind.ROLLED_BACK);
    assertThat(verdict.failedProbe()).isEqualTo("default gateway 10.0.0.1 does not answer");
    assertThat(commands.subList(4, commands.size()))
        .containsExactly(
            "ip link add name bond0 type bond mode active-backup",
            "ip link set dev bond0 alias bondbridge:vm-uplink",
            "ip addr add 10.0.0.2/24 dev bond0",
            "ip addr del 10.0.0.2/24 dev eth0",
            "ip link set dev eth0 master bond0");
    assertThat(store.read("vm-uplink")).isEmpty();
    assertThat(store.origins("vm-uplink")).isEqualTo(RECORD);
  }

  @Test
  void aTeardownCutOffMidWayIsRolledBackOnRestartAndKeepsTheRecord() {
    ChangeGuard guard = guard();
    store.writeOrigins("vm-uplink", RECORD);
    store.write(
        new Checkpoint(
            "vm-uplink",
            Checkpoint.Stage.APPLYING,
            TEARDOWN.steps().subList(0, 2),
            List.of(new Probe.Gateway()),
            System.currentTimeMillis() + 60_000,
            "now",
            Change.Kind.TEARDOWN,
            Origins.none()));

    Verdict verdict = guard.recover("vm-uplink").orElseThrow();

    assertThat(verdict.kind()).isEqualTo(Verdict.Kind.ROLLED_BACK);
    assertThat(verdict.failedProbe()).isEqualTo("the agent stopped in the middle of the teardown");
    assertThat(commands)
        .containsExactly("ip addr del 10.0.0.2/24 dev eth0", "ip link set dev eth0 master bond0");
    assertThat(store.read("vm-uplink")).isEmpty();
    assertThat(store.origins("vm-uplink")).isEqualTo(RECORD);
  }

  @Test
  void aFinishedTeardownConfirmedOnRestartDeletesTheRecord() {
    ChangeGuard guard = guard();
    store.writeOrigins("vm-uplink", RECORD);
    store.write(
        new Checkpoint(
            "vm-uplink",
            Checkpoint.Stage.APPLIED,
            TEARDOWN.steps(),
            List.of(new Probe.Gateway()),
            System.currentTimeMillis() + 60_000,
            "now",
            Change.Kind.TEARDOWN,
            Origins.none()));

    assertThat(guard.recover("vm-uplink").orElseThrow().kind()).isEqualTo(Verdict.Kind.CONFIRMED);
    assertThat(commands).isEmpty();
    assertThat(store.origins("vm-uplink")).isEqualTo(Origins.none());
  }

  @Test
  void anApplyConfirmedOnRestartKeepsTheRecordOfWhatItMoved() {
    ChangeGuard guard = guard();
    store.write(
        new Checkpoint(
            "vm-uplink",
            Checkpoint.Stage.APPLIED,
            PLAN.steps(),
            List.of(new Probe.Gateway()),
            System.currentTimeMillis() + 60_000,
            "now",
            Change.Kind.APPLY,
            RECORD));

    assertThat(guard.recover("vm-uplink").orElseThrow().kind()).isEqualTo(Verdict.Kind.CONFIRMED);
    assertThat(store.origins("vm-uplink")).isEqualTo(RECORD);
  }
}
