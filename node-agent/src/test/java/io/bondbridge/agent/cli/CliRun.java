package io.bondbridge.agent.cli;

import io.bondbridge.agent.exec.CommandRunner;
import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the real CLI entry point (picocli and all): its exit code and what it printed. */
record CliRun(int exit, String out, String err) {

  static CliRun of(CommandRunner runner, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        BondBridgeCli.run(runner, new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CliRun(exit, out.toString(), err.toString());
  }

  /** stderr's lines: a failure must be exactly one. */
  long errLines() {
    return err.lines().count();
  }
}
