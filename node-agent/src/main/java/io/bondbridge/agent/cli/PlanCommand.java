package io.bondbridge.agent.cli;

import io.bondbridge.agent.plan.Plan;
import io.bondbridge.agent.plan.Step;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

@Command(
    name = "plan",
    description = "Print what apply would change on this host, as ordered ip commands.")
final class PlanCommand implements Callable<Integer> {
  private final BondBridgeCli cli;

  @Mixin SpecOptions options;

  @Spec picocli.CommandLine.Model.CommandSpec commandSpec;

  PlanCommand(BondBridgeCli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    Plan plan = cli.engine().plan(options.spec());
    return print(plan, commandSpec.commandLine().getOut(), "nothing to do: the host matches");
  }

  static int print(Plan plan, PrintWriter out, String emptyMessage) {
    if (plan.isRefused()) {
      out.println("refused, nothing will be changed:");
      plan.refusals().forEach(r -> out.println("  - " + r));
      return CliException.REFUSED;
    }
    if (plan.isEmpty()) {
      out.println(emptyMessage);
      return 0;
    }
    int n = 1;
    for (Step step : plan.steps()) {
      out.printf("%3d. %s%n", n++, step.describe());
    }
    return 0;
  }
}
