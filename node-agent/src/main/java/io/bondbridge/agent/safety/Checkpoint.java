package io.bondbridge.agent.safety;

import io.bondbridge.agent.plan.Step;
import java.util.List;

/**
 * What survives an agent that dies mid-change, on the host's disk: the steps begun (written before
 * each step runs, so the journal always covers the host's state), the probes that passed before the
 * change, and the deadline for confirming it.
 *
 * @param stage APPLYING while steps run (a restart rolls back); APPLIED once all ran (a restart
 *     re-probes until the deadline, then confirms or rolls back)
 * @param steps the steps begun, in order; their undo, last first, restores the host
 * @param deadline epoch milliseconds by which the probes must pass
 */
public record Checkpoint(
    String bondBridge,
    Stage stage,
    List<Step> steps,
    List<Probe> requiredProbes,
    long deadline,
    String startedAt) {

  public enum Stage {
    APPLYING,
    APPLIED
  }

  public Checkpoint {
    steps = List.copyOf(steps);
    requiredProbes = List.copyOf(requiredProbes);
  }

  public Checkpoint withSteps(List<Step> begun) {
    return new Checkpoint(bondBridge, stage, begun, requiredProbes, deadline, startedAt);
  }

  public Checkpoint applied(long newDeadline) {
    return new Checkpoint(bondBridge, Stage.APPLIED, steps, requiredProbes, newDeadline, startedAt);
  }
}
