package io.bondbridge.agent.plan;

import java.util.List;

/**
 * What the planner decided: ordered steps, or refusals with their reasons (then no step at all, so
 * a bad spec changes nothing).
 */
public record Plan(List<Step> steps, List<String> refusals) {

  public Plan {
    steps = List.copyOf(steps);
    refusals = List.copyOf(refusals);
  }

  public static Plan of(List<Step> steps) {
    return new Plan(steps, List.of());
  }

  public static Plan refused(List<String> reasons) {
    return new Plan(List.of(), reasons);
  }

  public boolean isRefused() {
    return !refusals.isEmpty();
  }

  /** True on a converged host: nothing to do. */
  public boolean isEmpty() {
    return steps.isEmpty() && refusals.isEmpty();
  }
}
