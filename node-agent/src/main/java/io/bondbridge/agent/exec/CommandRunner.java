package io.bondbridge.agent.exec;

import java.util.List;

/**
 * The one seam through which the agent runs host commands ({@code ip}, {@code modprobe}). Every
 * command is an argument list: nothing ever goes through a shell, so no user string is parsed as
 * shell syntax.
 */
@FunctionalInterface
public interface CommandRunner {

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

  /** What a command did. */
  record Result(int exitCode, String stdout, String stderr) {
    public boolean ok() {
      return exitCode == 0;
    }
  }
}
