package io.bondbridge.agent.apply;

import io.bondbridge.agent.exec.CommandRunner;
import io.bondbridge.agent.exec.Iproute;
import io.bondbridge.agent.exec.Iproute2;
import io.bondbridge.agent.plan.Plan;
import io.bondbridge.agent.plan.Step;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a plan's steps, each acknowledged on its own, with its arguments as a list: {@code ip} steps
 * through {@link Iproute} (on a host the long-lived ip sessions), any other program through the
 * exec seam. The steps of one of the plan's {@link Plan#writes() writes} go to iproute2 back to
 * back (the node's address move: one kernel round instead of a round trip per step); iproute2 still
 * stops at the first that fails, so every failure is its step's own. If a step fails, the steps
 * already done are undone in reverse order, so the host is left as it was. Once it is done, each
 * IPv4 address the steps left on a device is announced to the link ({@link Announcer}).
 */
public final class Applier {
  private static final Logger LOG = LoggerFactory.getLogger(Applier.class);

  /** Hooks around each step: where a checkpoint journal or a metric plugs in. */
  public interface Listener {
    default void beforeStep(Step step, List<Step> undoSoFar) {}

    /**
     * Before several steps go to the kernel in one write: all of them are begun at once, and after
     * a crash any of them may or may not have run. By default, each one's {@link #beforeStep}.
     */
    default void beforeWrite(List<Step> steps, List<Step> undoSoFar) {
      steps.forEach(step -> beforeStep(step, undoSoFar));
    }

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

  private final Iproute iproute;
  private final CommandRunner runner;
  private final String ip;
  private final Announcer announcer;

  /**
   * @param iproute where {@code ip} steps go
   * @param runner where steps of other programs go, and the announcements of moved addresses
   */
  public Applier(Iproute iproute, CommandRunner runner) {
    this(iproute, runner, Announcer.arping(runner));
  }

  /** With {@code announcer} telling the neighbours of the IPv4 addresses steps put on devices. */
  public Applier(Iproute iproute, CommandRunner runner, Announcer announcer) {
    this(iproute, runner, "ip", announcer);
  }

  /** One {@code ip} process per step. */
  public Applier(CommandRunner runner, String ip) {
    this(Iproute.processes(runner, ip), runner, ip, Announcer.arping(runner));
  }

  private Applier(Iproute iproute, CommandRunner runner, String ip, Announcer announcer) {
    this.iproute = iproute;
    this.runner = runner;
    this.ip = ip;
    this.announcer = announcer;
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
    for (List<Step> write : plan.writes()) {
      if (write.size() == 1) {
        listener.beforeStep(write.get(0), undoOf(done));
      } else {
        listener.beforeWrite(write, undoOf(done));
      }
      List<CommandRunner.Result> results = send(write);
      for (int i = 0; i < results.size(); i++) {
        Step step = write.get(i);
        CommandRunner.Result result = results.get(i);
        if (!result.ok()) {
          String error = step.describe() + ": " + result.stderr().strip();
          LOG.warn("step failed, undoing {} steps: {}", done.size(), error);
          List<Step> ran = new ArrayList<>(done);
          List<String> undoErrors = runAll(undoOf(done), ran);
          announcer.announce(ran);
          return new Result(done, step, error, undoErrors);
        }
        done.add(step);
        listener.afterStep(step);
      }
    }
    announcer.announce(done);
    return new Result(done, null, null, List.of());
  }

  /** Runs steps to the end whatever fails (undo and rollback): returns the errors. */
  public List<String> run(List<Step> steps) {
    List<Step> ran = new ArrayList<>();
    List<String> errors = runAll(steps, ran);
    announcer.announce(ran);
    return errors;
  }

  /** Runs steps to the end whatever fails, adding those that ran to {@code ran}: the errors. */
  private List<String> runAll(List<Step> steps, List<Step> ran) {
    List<String> errors = new ArrayList<>();
    int next = 0;
    while (next < steps.size()) {
      // one write for all that is left; after a failure, again for what came after it
      List<CommandRunner.Result> results = send(steps.subList(next, steps.size()));
      for (CommandRunner.Result result : results) {
        Step step = steps.get(next++);
        if (result.ok()) {
          ran.add(step);
        } else {
          errors.add(step.describe() + ": " + result.stderr().strip());
        }
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

  /**
   * Runs the steps in order until one fails: one result per step that ran. Consecutive ip steps go
   * to iproute2 in one write; a step of another program runs as its own process.
   */
  private List<CommandRunner.Result> send(List<Step> steps) {
    List<CommandRunner.Result> results = new ArrayList<>();
    int from = 0;
    while (from < steps.size()) {
      int to = from;
      while (to < steps.size() && Step.IP.equals(steps.get(to).program())) {
        to++;
      }
      List<CommandRunner.Result> part;
      if (to > from) {
        part = iproute.run(steps.subList(from, to).stream().map(Step::ipArgs).toList());
      } else {
        Step step = steps.get(from);
        part = List.of(runner.run(command(step)));
        to = from + 1;
      }
      results.addAll(part);
      if (part.isEmpty() || !part.get(part.size() - 1).ok()) {
        return results;
      }
      from = to;
    }
    return results;
  }

  /**
   * A step of another iproute2 program, as a process: {@code bridge} is found beside {@code ip}.
   */
  private List<String> command(Step step) {
    List<String> command = new ArrayList<>();
    command.add(
        switch (step.program()) {
          case "bridge" -> Iproute2.bridgeBeside(ip);
          case Step.IP -> ip;
          default -> step.program();
        });
    command.addAll(step.ipArgs());
    return command;
  }
}
