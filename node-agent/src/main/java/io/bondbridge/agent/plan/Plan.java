package io.bondbridge.agent.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * What the planner decided: ordered steps, or refusals with their reasons (then no step at all, so
 * a bad spec changes nothing).
 *
 * @param together the runs of steps that go to the kernel in one write: the node's address move,
 *     during which the node cannot be reached, so it lasts one kernel round instead of a round trip
 *     per step. Each step is still acknowledged, attributed and undone on its own.
 */
public record Plan(List<Step> steps, List<String> refusals, List<Together> together) {

  /** Steps {@code from} (inclusive) to {@code to} (exclusive) of {@link #steps()}. */
  public record Together(int from, int to) {
    public Together {
      if (from < 0 || to <= from) {
        throw new IllegalArgumentException("not a run of steps: " + from + ".." + to);
      }
    }
  }

  public Plan {
    steps = List.copyOf(steps);
    refusals = List.copyOf(refusals);
    together = together == null ? List.of() : List.copyOf(together);
    int end = 0;
    for (Together run : together) {
      if (run.from() < end || run.to() > steps.size()) {
        throw new IllegalArgumentException("runs overlap or pass the last step: " + together);
      }
      end = run.to();
    }
  }

  public Plan(List<Step> steps, List<String> refusals) {
    this(steps, refusals, List.of());
  }

  public static Plan of(List<Step> steps) {
    return new Plan(steps, List.of());
  }

  public static Plan of(List<Step> steps, List<Together> together) {
    return new Plan(steps, List.of(), together);
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

  /** The steps as they are written to the kernel: one by one, those {@link #together} at once. */
  public List<List<Step>> writes() {
    List<List<Step>> writes = new ArrayList<>();
    int next = 0;
    for (Together run : together) {
      steps.subList(next, run.from()).forEach(step -> writes.add(List.of(step)));
      writes.add(steps.subList(run.from(), run.to()));
      next = run.to();
    }
    steps.subList(next, steps.size()).forEach(step -> writes.add(List.of(step)));
    return writes;
  }
}
