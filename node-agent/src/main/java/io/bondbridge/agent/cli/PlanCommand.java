package io.bondbridge.agent.cli;

import io.bondbridge.agent.apply.Applier;
import io.bondbridge.agent.plan.Plan;
import io.bondbridge.agent.plan.Step;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

@Command(
    name = "plan",
    description =
        "Print what apply would change on this host, as ordered ip commands (shell-quoted).")
final class PlanCommand implements Callable<Integer> {
  private final BondBridgeCli cli;

  @Mixin SpecOptions options;

  @Mixin StateDirOption state;

  @Mixin AdoptOption adopt;

  @Spec picocli.CommandLine.Model.CommandSpec commandSpec;

  PlanCommand(BondBridgeCli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    BondBridgeNodeSpec spec = adopt.applyTo(options.spec());
    // as apply would plan it: with the DHCP clients and the address origins of the state dir
    Plan plan = cli.guardedEngine(state.stateDir, null, new Applier.Listener() {}).plan(spec);
    return print(plan, commandSpec.commandLine().getOut(), "nothing to do: the host matches");
  }

  static int print(Plan plan, PrintWriter out, String emptyMessage) {
    if (plan.isRefused()) {
      out.println("refused, nothing will be changed:");
      plan.refusals().forEach(r -> out.println("  - " + Printable.line(r)));
      return CliException.REFUSED;
    }
    if (plan.isEmpty()) {
      out.println(emptyMessage);
      return 0;
    }
    int n = 1;
    for (Step step : plan.steps()) {
      out.printf("%3d. %s%n", n++, shellCommand(step));
    }
    return 0;
  }

  /** The step as an admin could paste it: every word shell-quoted where it needs to be. */
  static String shellCommand(Step step) {
    List<String> words = new ArrayList<>(List.of(step.program()));
    words.addAll(step.ipArgs());
    return Printable.command(words);
  }
}
