package io.bondbridge.agent.cli;

import io.bondbridge.agent.safety.ChangeGuard;
import io.bondbridge.agent.safety.ProbeRunner;
import io.bondbridge.agent.safety.StateDir;
import io.bondbridge.agent.safety.Verdict;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

@Command(
    name = "rollback",
    description =
        "Roll back a change that was not confirmed (an apply or delete that was interrupted, or is"
            + " still waiting for its probes), to the state before it.")
final class RollbackCommand implements Callable<Integer> {
  private final BondBridgeCli cli;

  @Mixin SpecOptions options;

  @Mixin GuardOptions guard;

  @Spec picocli.CommandLine.Model.CommandSpec commandSpec;

  RollbackCommand(BondBridgeCli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    String name = options.spec().bondBridge();
    ChangeGuard changeGuard =
        new ChangeGuard(
            cli.applier(),
            new StateDir(guard.stateDir()),
            new ProbeRunner(cli.runner(), cli.observer()::observe),
            Clock.systemUTC());
    PrintWriter out = commandSpec.commandLine().getOut();
    Optional<Verdict> verdict = changeGuard.rollBack(name);
    if (verdict.isEmpty()) {
      out.println(
          Printable.line(
              "nothing to roll back: no unconfirmed change of "
                  + name
                  + " in "
                  + guard.stateDir()));
      return 0;
    }
    ApplyCommand.printVerdict("the change of " + name, verdict.get(), out);
    return verdict.get().hostRestored() ? 0 : CliException.NOT_RESTORED;
  }
}
