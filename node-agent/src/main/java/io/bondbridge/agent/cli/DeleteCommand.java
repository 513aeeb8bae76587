package io.bondbridge.agent.cli;

import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

@Command(
    name = "delete",
    description =
        "Remove what the BondBridge created on this host (only devices with its mark), release"
            + " the ports and set them up again. Guarded like apply: if the gateway (or another"
            + " probe) answered before the teardown but not after it, the host is rolled back.")
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
        cli.guardedEngine(guard.stateDir(), guard.apiServerProbe(), guard.crashHook())
            .delete(ApplyCommand.withTimeout(spec, guard.confirmTimeout)),
        commandSpec.commandLine().getOut(),
        "deleted");
  }
}
