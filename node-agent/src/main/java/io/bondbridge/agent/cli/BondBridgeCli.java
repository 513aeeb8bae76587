package io.bondbridge.agent.cli;

import io.bondbridge.agent.Engine;
import io.bondbridge.agent.apply.Applier;
import io.bondbridge.agent.apply.KernelModules;
import io.bondbridge.agent.exec.CommandRunner;
import io.bondbridge.agent.exec.ProcessRunner;
import io.bondbridge.agent.observe.HostObserver;
import io.bondbridge.agent.safety.ChangeGuard;
import io.bondbridge.agent.safety.Probe;
import io.bondbridge.agent.safety.ProbeRunner;
import io.bondbridge.agent.safety.StateDir;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bondbridge}: the node agent's engine as a command line for one host, like {@code
 * nmstatectl} for nmstate.
 *
 * <p>Exit codes: 0 done (or nothing to do); 2 bad usage or unreadable file; 3 the spec is refused
 * for this host (nothing was changed); 4 not applied: a step failed, or a probe failed after the
 * change, and the host was restored; 5 restoring failed too (the host needs a look).
 */
@Command(
    name = "bondbridge",
    mixinStandardHelpOptions = true,
    version = "bondbridge 0.1.0",
    description = "Bonds, VLANs and bridges on this host from a BondBridge YAML.",
    subcommands = {
      PlanCommand.class,
      ApplyCommand.class,
      ShowCommand.class,
      DeleteCommand.class,
      io.bondbridge.agent.cluster.AgentCommand.class,
      RollbackCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done, or nothing to do",
      "2:bad usage or unreadable file",
      "3:refused for this host; nothing was changed",
      "4:not applied: a step or a probe failed, and the host was restored",
      "5:a step failed and restoring failed too"
    })
public final class BondBridgeCli {
  private final CommandRunner runner;

  BondBridgeCli(CommandRunner runner) {
    this.runner = runner;
  }

  CommandRunner runner() {
    return runner;
  }

  Engine engine() {
    return new Engine(new HostObserver(runner), new Applier(runner), new KernelModules(runner));
  }

  /** The engine with probes, checkpoints in {@code stateDir} and rollback. */
  Engine guardedEngine(Path stateDir, Probe.Tcp apiServer, Applier.Listener hooks) {
    HostObserver observer = new HostObserver(runner);
    ChangeGuard guard =
        new ChangeGuard(
            new Applier(runner),
            new StateDir(stateDir),
            new ProbeRunner(runner, observer::observe),
            Clock.systemUTC());
    return engine().guarded(guard, apiServer, hooks);
  }

  HostObserver observer() {
    return new HostObserver(runner);
  }

  public static void main(String[] args) {
    System.exit(
        run(
            new ProcessRunner(),
            new PrintWriter(System.out, true),
            new PrintWriter(System.err, true),
            args));
  }

  /** Runs the CLI with the given command seam and streams; returns the exit code. */
  public static int run(CommandRunner runner, PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli =
        new CommandLine(new BondBridgeCli(runner), new Factory(new BondBridgeCli(runner)));
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof CliException cliException) {
            commandLine.getErr().println("bondbridge: " + e.getMessage());
            return cliException.exitCode();
          }
          commandLine.getErr().println("bondbridge: " + e);
          return 1;
        });
    return cli.execute(args);
  }

  /** Hands every subcommand the same CLI (and so the same command seam). */
  private record Factory(BondBridgeCli cli) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      if (type == BondBridgeCli.class) {
        return type.cast(cli);
      }
      try {
        return type.getDeclaredConstructor(BondBridgeCli.class).newInstance(cli);
      } catch (NoSuchMethodException e) {
        return CommandLine.defaultFactory().create(type);
      }
    }
  }
}
