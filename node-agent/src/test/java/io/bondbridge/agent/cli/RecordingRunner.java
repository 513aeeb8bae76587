package io.bondbridge.agent.cli;

import io.bondbridge.agent.exec.CommandRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A FAKE host for the CLI's unit tier: it records every command the CLI asks for and answers only
 * the three read-only {@code ip -j ... show} commands, from given text (captured kernel output);
 * anything else fails as an unknown command would. Tests assert on what was asked: a refused file
 * must not even read the host. The real host is CliKernelIT's.
 */
final class RecordingRunner implements CommandRunner {
  private final Map<List<String>, String> answers;
  final List<List<String>> commands = new ArrayList<>();

  private RecordingRunner(Map<List<String>, String> answers) {
    this.answers = answers;
  }

  /** A host that answers nothing: for runs that must not get as far as the host. */
  static RecordingRunner noHost() {
    return new RecordingRunner(Map.of());
  }

  /** A host whose {@code ip -j} outputs are these. */
  static RecordingRunner host(String links, String addresses, String routes) {
    return new RecordingRunner(
        Map.of(
            List.of("ip", "-j", "-d", "link", "show"), links,
            List.of("ip", "-j", "addr", "show"), addresses,
            List.of("ip", "-j", "route", "show", "table", "all"), routes));
  }

  @Override
  public synchronized Result run(List<String> command, String stdin) {
    commands.add(List.copyOf(command));
    String out = answers.get(command);
    return out == null
        ? new Result(255, "", "not answered by this test's host: " + command)
        : new Result(0, out, "");
  }

  /** The commands that could change the host: everything but reading it with ip -j. */
  synchronized List<List<String>> changes() {
    return commands.stream().filter(c -> !answers.containsKey(c)).toList();
  }
}
