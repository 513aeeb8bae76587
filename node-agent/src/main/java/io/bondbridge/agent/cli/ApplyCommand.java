package io.bondbridge.agent.cli;

import io.bondbridge.agent.Engine;
import io.bondbridge.agent.plan.Step;
import io.bondbridge.agent.safety.Verdict;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpecBuilder;
import io.bondbridge.api.v1alpha1.Probes;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

@Command(
    name = "apply",
    description =
        "Make this host match the BondBridge. A refused spec changes nothing; if a step fails,"
            + " the steps done are undone; if the gateway (or another probe) answered before the"
            + " change but not after it, the host is rolled back.")
final class ApplyCommand implements Callable<Integer> {
  private final BondBridgeCli cli;

  @Mixin SpecOptions options;

  @Mixin GuardOptions guard;

  @Mixin AdoptOption adopt;

  @Spec picocli.CommandLine.Model.CommandSpec commandSpec;

  ApplyCommand(BondBridgeCli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    BondBridgeNodeSpec spec = withTimeout(adopt.applyTo(options.spec()), guard.confirmTimeout);
    Engine engine = cli.guardedEngine(guard.stateDir(), guard.apiServerProbe(), guard.crashHook());
    return report(engine.apply(spec), commandSpec.commandLine().getOut(), "applied");
  }

  static BondBridgeNodeSpec withTimeout(BondBridgeNodeSpec spec, Integer seconds) {
    if (seconds == null) {
      return spec;
    }
    Probes p = spec.probes() == null ? Probes.defaults() : spec.probes();
    return new BondBridgeNodeSpecBuilder(spec)
        .withProbes(new Probes(seconds, p.gateway(), p.apiServer(), p.targets()))
        .build();
  }

  static int report(Engine.Outcome outcome, PrintWriter out, String verb) {
    if (outcome.recovered() != null) {
      printVerdict("an earlier unconfirmed change", outcome.recovered(), out);
    }
    if (outcome.plan().isRefused() || outcome.plan().isEmpty()) {
      return PlanCommand.print(outcome.plan(), out, "nothing to do: the host matches");
    }
    for (Step step : outcome.result().done()) {
      out.println("  done: " + PlanCommand.shellCommand(step));
    }
    Verdict verdict = outcome.verdict();
    if (verdict != null) {
      verdict
          .requiredProbes()
          .forEach(p -> out.println("  probe required after the change: " + Printable.line(p)));
      verdict
          .notRequired()
          .forEach(p -> out.println("  probe failing before, not required: " + Printable.line(p)));
    }
    if (outcome.ok()) {
      out.println(verb + ": " + outcome.result().done().size() + " steps");
      return 0;
    }
    if (!outcome.result().ok()) {
      out.println("  failed: " + Printable.line(outcome.result().error()));
    }
    if (verdict != null && verdict.kind() == Verdict.Kind.ROLLED_BACK) {
      out.println("  rolled back: " + Printable.line(verdict.failedProbe()));
    }
    List<String> errors = verdict != null ? verdict.restoreErrors() : outcome.result().undoErrors();
    if (errors.isEmpty()) {
      out.println("the host was restored to the state before");
      return CliException.FAILED;
    }
    out.println("restoring failed too; check the host:");
    errors.forEach(e -> out.println("  - " + Printable.line(e)));
    return CliException.NOT_RESTORED;
  }

  static void printVerdict(String what, Verdict verdict, PrintWriter out) {
    if (verdict.kind() == Verdict.Kind.CONFIRMED) {
      out.println(what + " was confirmed: its probes pass");
      return;
    }
    out.println(what + " was rolled back (" + Printable.line(verdict.failedProbe()) + ")");
    verdict.restored().forEach(s -> out.println("  restored: " + Printable.line(s)));
    verdict.restoreErrors().forEach(e -> out.println("  restore error: " + Printable.line(e)));
  }
}
