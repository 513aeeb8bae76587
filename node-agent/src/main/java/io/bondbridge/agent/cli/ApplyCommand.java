package io.bondbridge.agent.cli;

import io.bondbridge.agent.Engine;
import io.bondbridge.agent.plan.Step;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

@Command(
    name = "apply",
    description =
        "Make this host match the BondBridge. A refused spec changes nothing; if a step fails,"
            + " the steps done are undone.")
final class ApplyCommand implements Callable<Integer> {
  private final BondBridgeCli cli;

  @Mixin SpecOptions options;

  @Spec picocli.CommandLine.Model.CommandSpec commandSpec;

  ApplyCommand(BondBridgeCli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    Engine.Outcome outcome = cli.engine().apply(options.spec());
    return report(outcome, commandSpec.commandLine().getOut(), "applied");
  }

  static int report(Engine.Outcome outcome, PrintWriter out, String verb) {
    if (outcome.plan().isRefused() || outcome.plan().isEmpty()) {
      return PlanCommand.print(outcome.plan(), out, "nothing to do: the host matches");
    }
    for (Step step : outcome.result().done()) {
      out.println("  done: " + step.describe());
    }
    if (outcome.ok()) {
      out.println(verb + ": " + outcome.result().done().size() + " steps");
      return 0;
    }
    out.println("  failed: " + outcome.result().error());
    if (outcome.result().restored()) {
      out.println("the steps done were undone; the host is as it was");
      return CliException.FAILED;
    }
    out.println("undoing failed too; check the host:");
    outcome.result().undoErrors().forEach(e -> out.println("  - " + e));
    return CliException.NOT_RESTORED;
  }
}
