package io.bondbridge.agent.exec;

import java.time.Duration;
import java.util.List;

/**
 * The one seam through which the agent runs host commands ({@code ip}, {@code modprobe}, {@code
 * ping}). Every command is an argument list: nothing ever goes through a shell, so no user string
 * is parsed as shell syntax. A command that does not finish in time is killed and reported as
 * {@link Result#timedOut() timed out}: a hung {@code ip} must not hold the agent's one worker.
 */
@FunctionalInterface
public interface CommandRunner {

  /**
   * How long a command may run before it is killed: far above what {@code ip} takes on a busy node
   * (milliseconds), far below what leaves a node's changes stuck.
   */
  Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  Result run(List<String> command, String stdin);

  default Result run(List<String> command) {
    return run(command, null);
  }

  /** Runs the command and returns its output, or throws with the command's own error text. */
  default String output(List<String> command) {
    Result result = run(command);
    if (result.exitCode() != 0) {
      throw new CommandFailedException(command, result);
    }
    return result.stdout();
  }

  /**
   * Starts a command that runs until it is closed (a monitor such as {@code ip -o monitor link})
   * and hands back its output line by line, stdout and stderr together. No timeout: it is meant to
   * run for as long as the agent does.
   *
   * @throws java.io.UncheckedIOException when the command cannot be started
   */
  default Lines follow(List<String> command) {
    throw new UnsupportedOperationException("this runner cannot follow " + command);
  }

  /**
   * Starts a command to talk to (a long-lived {@code ip -batch -}): text goes to its stdin, its
   * output (stdout and stderr together, in the order it wrote them) comes back line by line, and
   * every read is bounded by the caller's timeout. It runs until it exits or is closed.
   *
   * @throws java.io.UncheckedIOException when the command cannot be started
   */
  default Conversation talk(List<String> command) {
    throw new UnsupportedOperationException("this runner cannot talk to " + command);
  }

  /** A running command's stdin and output. */
  interface Conversation extends AutoCloseable {
    /** Writes {@code text} to the command's stdin at once; false when the command is gone. */
    boolean send(String text);

    /**
     * The next output line, waiting at most {@code timeout}; null once the command ended.
     *
     * @throws java.util.concurrent.TimeoutException when no line came in time (it still runs)
     */
    String next(Duration timeout)
        throws java.util.concurrent.TimeoutException, InterruptedException;

    boolean alive();

    /** Kills the command (and what it started). */
    @Override
    void close();
  }

  /** A running command's output, line by line. */
  interface Lines extends AutoCloseable {
    /** The next line, waiting for it; null once the command ended or was closed. */
    String next();

    /** Waits for the command to end and returns its exit code. */
    int exitCode() throws InterruptedException;

    /** Kills the command (and what it started); {@link #next()} then returns null. */
    @Override
    void close();
  }

  /**
   * What a command did.
   *
   * @param timedOut it did not finish in time and was killed; {@code stderr} says so
   */
  record Result(int exitCode, String stdout, String stderr, boolean timedOut) {
    /** The exit code a shell reports for a process killed with SIGKILL. */
    public static final int KILLED = 128 + 9;

    public Result(int exitCode, String stdout, String stderr) {
      this(exitCode, stdout, stderr, false);
    }

    /** e.g. {@code ip -j link show did not finish within 30s; killed}. */
    public static Result timedOut(List<String> command, Duration timeout) {
      return new Result(
          KILLED,
          "",
          String.join(" ", command) + " did not finish within " + brief(timeout) + "; killed",
          true);
    }

    public boolean ok() {
      return exitCode == 0 && !timedOut;
    }

    private static String brief(Duration d) {
      return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
  }
}
