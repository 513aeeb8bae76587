package io.bondbridge.agent.safety;

import io.bondbridge.agent.plan.Origins;
import io.bondbridge.agent.plan.Step;
import java.util.List;

/**
 * What survives an agent that dies mid-change, on the host's disk: the steps begun (written before
 * each step runs, so the journal always covers the host's state), the probes that passed before the
 * change, and the deadline for confirming it. An apply and a teardown are journaled alike: either
 * is rolled back to the host as it was before it.
 *
 * @param stage APPLYING while steps run (a restart rolls back); APPLIED once all ran (a restart
 *     re-probes until the deadline, then confirms or rolls back)
 * @param steps the steps begun, in order; their undo, last first, restores the host
 * @param deadline epoch milliseconds by which the probes must pass
 * @param kind what the change was (APPLY when a checkpoint of an older agent does not say)
 * @param origins the record of inherited addresses to keep once the change is confirmed (see {@link
 *     Change#origins()}); null leaves the record as it is
 */
public record Checkpoint(
    String bondBridge,
    Stage stage,
    List<Step> steps,
    List<Probe> requiredProbes,
    long deadline,
    String startedAt,
    Change.Kind kind,
    Origins origins) {

  public enum Stage {
    APPLYING,
    APPLIED
  }

  public Checkpoint {
    steps = List.copyOf(steps);
    requiredProbes = List.copyOf(requiredProbes);
    kind = kind == null ? Change.Kind.APPLY : kind;
  }

  /** The checkpoint written before the first step of {@code change}. */
  static Checkpoint begin(Change change, List<Probe> required, long deadline, String startedAt) {
    return new Checkpoint(
        change.bondBridge(),
        Stage.APPLYING,
        List.of(),
        required,
        deadline,
        startedAt,
        change.kind(),
        change.origins());
  }

  public Checkpoint withSteps(List<Step> begun) {
    return new Checkpoint(
        bondBridge, stage, begun, requiredProbes, deadline, startedAt, kind, origins);
  }

  public Checkpoint applied(long newDeadline) {
    return new Checkpoint(
        bondBridge, Stage.APPLIED, steps, requiredProbes, newDeadline, startedAt, kind, origins);
  }
}
