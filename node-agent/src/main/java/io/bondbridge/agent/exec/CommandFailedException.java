package io.bondbridge.agent.exec;

import java.util.List;

/**
 * A host command exited non-zero, or was killed because it did not finish in time; the message
 * carries its stderr, which names the cause, or says how long it was given.
 */
public class CommandFailedException extends RuntimeException {
  private final List<String> command;
  private final CommandRunner.Result result;

  public CommandFailedException(List<String> command, CommandRunner.Result result) {
    super(
        result.timedOut()
            ? result.stderr()
            : String.join(" ", command)
                + " failed (exit "
                + result.exitCode()
                + "): "
                + result.stderr().strip());
    this.command = List.copyOf(command);
    this.result = result;
  }

  public List<String> command() {
    return command;
  }

  public CommandRunner.Result result() {
    return result;
  }
}
