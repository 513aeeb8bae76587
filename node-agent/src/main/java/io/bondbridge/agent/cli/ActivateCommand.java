package io.bondbridge.agent.cli;

import io.bondbridge.agent.drill.FailoverDrill;
import io.bondbridge.agent.host.BondPort;
import io.bondbridge.agent.host.BondState;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Link;
import io.bondbridge.agent.plan.Ownership;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "activate",
    description =
        "Make PORT the active port of BOND, as ifenslave -c did: in active-backup, balance-tlb"
            + " and balance-alb, of a bond BondBridge manages, to a port whose link is up.")
final class ActivateCommand implements Callable<Integer> {
  private final BondBridgeCli cli;

  @Parameters(index = "0", paramLabel = "BOND")
  String bond;

  @Parameters(index = "1", paramLabel = "PORT")
  String port;

  @Spec picocli.CommandLine.Model.CommandSpec commandSpec;

  ActivateCommand(BondBridgeCli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    HostState host = cli.observer().observe();
    String refusal = refusal(host, bond, port).orElse(null);
    if (refusal != null) {
      throw new CliException(CliException.REFUSED, refusal);
    }
    String before = host.bond(bond).map(BondState::activePort).orElse(null);
    var result = new FailoverDrill(cli.runner(), cli.observer()).activate(bond, port);
    if (!result.ok()) {
      throw new CliException(CliException.FAILED, result.stderr().strip());
    }
    commandSpec
        .commandLine()
        .getOut()
        .println(bond + ": active port " + port + (before == null ? "" : " (was " + before + ")"));
    return 0;
  }

  /** Why PORT cannot be made active on BOND here; empty when it can. Pure. */
  static Optional<String> refusal(HostState host, String bond, String port) {
    Optional<Link> link = host.link(bond);
    Optional<BondState> state = host.bond(bond);
    if (link.isEmpty() || state.isEmpty()) {
      return Optional.of(bond + " is not a bond on this host");
    }
    if (Ownership.ownerOf(link.get()) == null) {
      return Optional.of(
          bond + " is not BondBridge's (no 'bondbridge:' alias): apply or adopt it first");
    }
    if (!state.get().hasActivePort()) {
      return Optional.of(
          bond + " is in mode " + state.get().mode() + ", which has no active port to choose");
    }
    Optional<BondPort> wanted =
        state.get().ports().stream().filter(p -> p.name().equals(port)).findFirst();
    if (wanted.isEmpty()) {
      return Optional.of(port + " is not a port of " + bond);
    }
    if (!wanted.get().isUp()) {
      return Optional.of(port + " is down (MII status " + wanted.get().miiStatus() + ")");
    }
    return Optional.empty();
  }
}
