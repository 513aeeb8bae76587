package io.bondbridge.agent.exec;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the agent's iproute2 commands go: one long-lived session on a host ({@link IpSessions}),
 * one {@code ip} process per command through a {@link CommandRunner} where a test fakes the runner.
 * A command is the arguments after {@code ip}, its options first (a read asks for JSON with {@code
 * -j}); nothing goes through a shell.
 */
@FunctionalInterface
public interface Iproute {

  /**
   * Runs the commands in order, stopping at the first that fails: one result per command that ran,
   * so when the last result is not ok, it is the failure and the commands after it did not run.
   */
  List<CommandRunner.Result> run(List<List<String>> commands);

  /** One command: its result. */
  default CommandRunner.Result run1(List<String> command) {
    return run(List.of(command)).get(0);
  }

  /** Each command as its own {@code ip} process through {@code runner}. */
  static Iproute processes(CommandRunner runner, String ip) {
    return commands -> {
      List<CommandRunner.Result> results = new ArrayList<>();
      for (List<String> command : commands) {
        CommandRunner.Result result = runner.run(withProgram(ip, command));
        results.add(result);
        if (!result.ok()) {
          break;
        }
      }
      return results;
    };
  }

  /** {@code ip} and the command's arguments: as a process is started, and as errors name it. */
  static List<String> withProgram(String ip, List<String> command) {
    List<String> full = new ArrayList<>(command.size() + 1);
    full.add(ip);
    full.addAll(command);
    return full;
  }
}
