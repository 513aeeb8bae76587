package io.bondbridge.agent.kernel;

import io.bondbridge.agent.cli.BondBridgeCli;
import io.bondbridge.agent.exec.ProcessRunner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** The one-host CLI in-process, as a new command each time: what an admin's shell would run. */
final class Cli {
  private Cli() {}

  /** One command's exit code, stdout and stderr. */
  record Run(int exit, String out, String err) {}

  /** {@code bondbridge COMMAND ARGS... [MORE...]}: its exit code, ": ", then what it printed. */
  static String run(String command, String[] args, String... more) {
    Run run = exec(command, args, more);
    return run.exit() + ": " + run.out() + run.err();
  }

  static Run exec(String command, String[] args, String... more) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of(command));
    all.addAll(List.of(args));
    all.addAll(List.of(more));
    int exit =
        BondBridgeCli.run(
            new ProcessRunner(),
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            all.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }
}
