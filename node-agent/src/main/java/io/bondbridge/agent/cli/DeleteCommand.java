package io.bondbridge.agent.cli;

import io.bondbridge.agent.apply.Applier;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

@Command(
    name = "delete",
    description =
        "Remove what the BondBridge created on this host (only devices with its mark), release"
            + " the ports and set them up again.")
final class DeleteCommand implements Callable<Integer> {
  private final BondBridgeCli cli;

  @Mixin SpecOptions options;

  @Mixin GuardOptions guard;

  @Spec picocli.CommandLine.Model.CommandSpec commandSpec;

  DeleteCommand(BondBridgeCli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    BondBridgeNodeSpec spec = options.spec();
    return ApplyCommand.report(
        cli.guardedEngine(guard.stateDir, null, new Applier.Listener() {}).delete(spec),
        commandSpec.commandLine().getOut(),
        "deleted");
  }
}
