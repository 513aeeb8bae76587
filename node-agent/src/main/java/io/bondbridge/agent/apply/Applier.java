package io.bondbridge.agent.apply;

import io.bondbridge.agent.exec.CommandRunner;
import io.bondbridge.agent.plan.Plan;
import io.bondbridge.agent.plan.Step;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a plan's steps through iproute2, one {@code ip} command per step with its arguments as a
 * list. If a step fails, the steps already done are undone in reverse order, so the host is left as
 * it was.
 */
public final class Applier {
  private static final Logger LOG = LoggerFactory.getLogger(Applier.class);

  /** Hooks around each step: where a checkpoint journal or a metric plugs in. */
  public interface Listener {
    default void beforeStep(Step step, List<Step> undoSoFar) {}

    default void afterStep(Step step) {}
  }

  /** What applying did. */
  public record Result(List<Step> done, Step failedStep, String error, List<String> undoErrors) {
    public boolean ok() {
      return failedStep == null;
    }

    /** True when a failure was fully undone. */
    public boolean restored() {
      return !ok() && undoErrors.isEmpty();
    }
  }

  private final CommandRunner runner;
  private final String ip;

  public Applier(CommandRunner runner, String ip) {
    this.runner = runner;
    this.ip = ip;
  }

  public Applier(CommandRunner runner) {
    this(runner, "ip");
  }

  public Result apply(Plan plan) {
    return apply(plan, new Listener() {});
  }

  /** Runs the plan, telling {@code listener} before and after each step. */
  public Result apply(Plan plan, Listener listener) {
    if (plan.isRefused()) {
      throw new IllegalArgumentException("a refused plan cannot be applied: " + plan.refusals());
    }
    List<Step> done = new ArrayList<>();
    for (Step step : plan.steps()) {
      listener.beforeStep(step, undoOf(done));
      CommandRunner.Result result = runner.run(command(step));
      if (!result.ok()) {
        String error = step.describe() + ": " + result.stderr().strip();
        LOG.warn("step failed, undoing {} steps: {}", done.size(), error);
        List<String> undoErrors = run(undoOf(done));
        return new Result(done, step, error, undoErrors);
      }
      done.add(step);
      listener.afterStep(step);
    }
    return new Result(done, null, null, List.of());
  }

  /** Runs steps to the end whatever fails (undo and rollback): returns the errors. */
  public List<String> run(List<Step> steps) {
    List<String> errors = new ArrayList<>();
    for (Step step : steps) {
      CommandRunner.Result result = runner.run(command(step));
      if (!result.ok()) {
        errors.add(step.describe() + ": " + result.stderr().strip());
      }
    }
    return errors;
  }

  /** The steps that take back {@code done}: each step's undo, last step first. */
  public static List<Step> undoOf(List<Step> done) {
    List<Step> undo = new ArrayList<>();
    List<Step> reversed = new ArrayList<>(done);
    Collections.reverse(reversed);
    reversed.forEach(step -> undo.addAll(step.undo()));
    return undo;
  }

  private List<String> command(Step step) {
    List<String> command = new ArrayList<>();
    command.add(step.program().equals("ip") ? ip : step.program());
    command.addAll(step.ipArgs());
    return command;
  }
}
