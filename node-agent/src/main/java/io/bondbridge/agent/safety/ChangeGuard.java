package io.bondbridge.agent.safety;

import io.bondbridge.agent.apply.Applier;
import io.bondbridge.agent.plan.Origins;
import io.bondbridge.agent.plan.Step;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Wraps a change — an apply, a drift correction or a teardown alike — so that it cannot cut the
 * node off: probes before, a checkpoint on disk that is written before every step, probes after,
 * and a rollback to the state before when a probe that passed before does not pass again within the
 * timeout — or when the agent died mid-change and finds the checkpoint on restart. The record of
 * inherited addresses changes only once a change is confirmed.
 */
public final class ChangeGuard {
  private static final Duration PROBE_INTERVAL = Duration.ofMillis(500);

  private final Applier applier;
  private final StateDir store;
  private final ProbeRunner probes;
  private final Clock clock;

  public ChangeGuard(Applier applier, StateDir store, ProbeRunner probes, Clock clock) {
    this.applier = applier;
    this.store = store;
    this.probes = probes;
    this.clock = clock;
  }

  public StateDir store() {
    return store;
  }

  /**
   * Runs the change under guard.
   *
   * @param hooks extra step hooks (metrics, or a test's injected crash)
   */
  public Verdict run(Change change, Applier.Listener hooks) {
    String bondBridge = change.bondBridge();
    List<Probe> required = new ArrayList<>();
    List<String> notRequired = new ArrayList<>();
    for (Probe probe : change.probes()) {
      String failure = probes.check(probe);
      if (failure == null) {
        required.add(probe);
      } else {
        notRequired.add(probe.describe() + ": " + failure);
      }
    }
    Instant start = clock.instant();
    Checkpoint[] checkpoint = {
      Checkpoint.begin(
          change, required, start.plus(change.timeout()).toEpochMilli(), start.toString())
    };
    store.write(checkpoint[0]);
    List<Step> begun = new ArrayList<>();
    Applier.Result result =
        applier.apply(
            change.plan(),
            new Applier.Listener() {
              @Override
              public void beforeStep(Step step, List<Step> undoSoFar) {
                begun.add(step);
                checkpoint[0] = checkpoint[0].withSteps(begun);
                store.write(checkpoint[0]); // write-ahead: the journal covers the step about to run
                hooks.beforeStep(step, undoSoFar);
              }

              @Override
              public void afterStep(Step step) {
                hooks.afterStep(step);
              }
            });
    Duration applyTime = Duration.between(start, clock.instant());
    List<String> requiredNames = required.stream().map(Probe::describe).toList();
    if (!result.ok()) {
      store.delete(bondBridge);
      List<String> undone = Applier.undoOf(result.done()).stream().map(Step::describe).toList();
      return new Verdict(
          Verdict.Kind.FAILED,
          result,
          requiredNames,
          notRequired,
          null,
          undone,
          result.undoErrors(),
          applyTime,
          Duration.ZERO);
    }
    Instant deadline = clock.instant().plus(change.timeout());
    store.write(checkpoint[0].applied(deadline.toEpochMilli()));
    Instant probeStart = clock.instant();
    String failed = awaitProbes(required, deadline);
    Duration probeTime = Duration.between(probeStart, clock.instant());
    if (failed == null) {
      confirm(bondBridge, change.origins());
      return new Verdict(
          Verdict.Kind.APPLIED,
          result,
          requiredNames,
          notRequired,
          null,
          List.of(),
          List.of(),
          applyTime,
          probeTime);
    }
    List<Step> undo = Applier.undoOf(begun);
    List<String> errors = applier.run(undo);
    store.delete(bondBridge);
    return new Verdict(
        Verdict.Kind.ROLLED_BACK,
        result,
        requiredNames,
        notRequired,
        failed,
        undo.stream().map(Step::describe).toList(),
        errors,
        applyTime,
        probeTime);
  }

  /**
   * Finishes what an earlier run left: a change cut off mid-way is rolled back; a finished one is
   * confirmed if its probes pass before its deadline, else rolled back.
   */
  public Optional<Verdict> recover(String bondBridge) {
    Optional<Checkpoint> found = store.read(bondBridge);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Checkpoint checkpoint = found.get();
    List<String> requiredNames = checkpoint.requiredProbes().stream().map(Probe::describe).toList();
    Instant start = clock.instant();
    String failed;
    if (checkpoint.stage() == Checkpoint.Stage.APPLYING) {
      failed =
          checkpoint.kind() == Change.Kind.TEARDOWN
              ? "the agent stopped in the middle of the teardown"
              : "the agent stopped in the middle of the change";
    } else {
      failed =
          awaitProbes(checkpoint.requiredProbes(), Instant.ofEpochMilli(checkpoint.deadline()));
      if (failed == null) {
        confirm(bondBridge, checkpoint.origins());
        return Optional.of(
            new Verdict(
                Verdict.Kind.CONFIRMED,
                null,
                requiredNames,
                List.of(),
                null,
                List.of(),
                List.of(),
                Duration.ZERO,
                Duration.between(start, clock.instant())));
      }
    }
    return Optional.of(rollBack(checkpoint, failed, requiredNames));
  }

  /** Rolls back an unconfirmed checkpoint without probing (the CLI's {@code rollback}). */
  public Optional<Verdict> rollBack(String bondBridge) {
    return store
        .read(bondBridge)
        .map(
            c ->
                rollBack(
                    c,
                    "rolled back on request",
                    c.requiredProbes().stream().map(Probe::describe).toList()));
  }

  /** The change holds: the checkpoint goes, the record of inherited addresses becomes its own. */
  private void confirm(String bondBridge, Origins origins) {
    if (origins != null && origins.isEmpty()) {
      store.deleteOrigins(bondBridge);
    } else if (origins != null) {
      store.writeOrigins(bondBridge, origins);
    }
    store.delete(bondBridge);
  }

  private Verdict rollBack(Checkpoint checkpoint, String reason, List<String> requiredNames) {
    List<Step> steps = checkpoint.steps();
    List<String> errors = new ArrayList<>();
    List<Step> undo = new ArrayList<>();
    if (!steps.isEmpty()) {
      // The last step was begun but may never have run: its undo may find nothing to undo, and
      // that is not an error.
      List<Step> last = steps.get(steps.size() - 1).undo();
      applier.run(last);
      undo.addAll(last);
      List<Step> rest = Applier.undoOf(steps.subList(0, steps.size() - 1));
      errors.addAll(applier.run(rest));
      undo.addAll(rest);
    }
    store.delete(checkpoint.bondBridge());
    return new Verdict(
        Verdict.Kind.ROLLED_BACK,
        null,
        requiredNames,
        List.of(),
        reason,
        undo.stream().map(Step::describe).toList(),
        errors,
        Duration.ZERO,
        Duration.ZERO);
  }

  /**
   * Null when every probe passed (each at least once) before the deadline, else the first failure.
   */
  private String awaitProbes(List<Probe> required, Instant deadline) {
    Map<Probe, String> pending = new LinkedHashMap<>();
    required.forEach(p -> pending.put(p, "not checked"));
    while (true) {
      pending.replaceAll((probe, last) -> probes.check(probe));
      pending.values().removeIf(failure -> failure == null);
      if (pending.isEmpty()) {
        return null;
      }
      if (!clock.instant().plus(PROBE_INTERVAL).isBefore(deadline)) {
        return pending.values().iterator().next();
      }
      try {
        Thread.sleep(PROBE_INTERVAL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "interrupted while probing";
      }
    }
  }
}
