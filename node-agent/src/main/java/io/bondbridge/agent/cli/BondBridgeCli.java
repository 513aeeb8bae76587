package io.bondbridge.agent.cli;

import io.bondbridge.agent.Engine;
import io.bondbridge.agent.apply.Announcer;
import io.bondbridge.agent.apply.Applier;
import io.bondbridge.agent.apply.KernelModules;
import io.bondbridge.agent.cluster.Capabilities;
import io.bondbridge.agent.dhcp.DhcpRunner;
import io.bondbridge.agent.exec.CommandRunner;
import io.bondbridge.agent.exec.IpSessions;
import io.bondbridge.agent.exec.ProcessRunner;
import io.bondbridge.agent.observe.HostObserver;
import io.bondbridge.agent.resolved.Resolvectl;
import io.bondbridge.agent.safety.ChangeGuard;
import io.bondbridge.agent.safety.Probe;
import io.bondbridge.agent.safety.ProbeRunner;
import io.bondbridge.agent.safety.StateDir;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code bondbridge}: the node agent's engine as a command line for one host, like {@code
 * nmstatectl} for nmstate.
 *
 * <p>Exit codes: 0 done (or nothing to do); 1 internal error (a bug: one line, the stack trace with
 * --debug); 2 bad usage, or a file that cannot be read or is refused at admission (the CRD's schema
 * and CEL rules, as the API server would refuse it; nothing was read or changed on the host); 3 the
 * spec is refused for this host (nothing was changed); 4 not applied: a step failed, or a probe
 * failed after the change, and the host was restored; 5 restoring failed too (the host needs a
 * look).
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
      BootCommand.class,
      io.bondbridge.agent.cluster.AgentCommand.class,
      RollbackCommand.class,
      DrillCommand.class,
      ActivateCommand.class,
      ImportCommand.class,
      ExportCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done, or nothing to do",
      "1:internal error (a bug; --debug prints the stack trace)",
      "2:bad usage, or a file that cannot be read or is refused at admission (schema, CEL)",
      "3:refused for this host; nothing was changed",
      "4:not applied: a step or a probe failed, and the host was restored",
      "5:a step failed and restoring failed too"
    })
public final class BondBridgeCli {
  private static final String DEBUG = "--debug";

  private final CommandRunner runner;
  // one ip -batch session for the whole command: steps and observations cost no process start
  private final IpSessions iproute;
  // the gratuitous ARP of moved addresses, waited for before the command exits
  private final Announcer announcer;
  // the supervision of the DHCP clients this command started ends with it; the clients go on, and
  // the next command adopts them (in one JVM, a test's, a supervisor left over would start a
  // client again that a later command stopped)
  private final List<DhcpRunner> dhcpRunners = new ArrayList<>();

  @Option(
      names = DEBUG,
      scope = ScopeType.INHERIT,
      description = "On an internal error, print the Java stack trace too.")
  boolean debug;

  BondBridgeCli(CommandRunner runner) {
    this.runner = runner;
    this.iproute = new IpSessions(runner);
    this.announcer = Announcer.arping(runner);
  }

  CommandRunner runner() {
    return runner;
  }

  /** Steps through this command's ip session. */
  Applier applier() {
    return new Applier(iproute, runner, announcer);
  }

  /** The engine with probes, checkpoints in {@code stateDir} and rollback. */
  Engine guardedEngine(Path stateDir, Probe.Tcp apiServer, Applier.Listener hooks) {
    // DHCP clients started here keep their leases after the CLI exits (their files are in stateDir)
    CommandRunner withDhcp = dhcpRunner(stateDir);
    HostObserver kernel = new HostObserver(iproute, withDhcp, Path.of("/"));
    HostObserver observer = kernel.withResolved(new Resolvectl(runner));
    Applier applier = new Applier(iproute, withDhcp, announcer);
    ChangeGuard guard =
        new ChangeGuard(
            applier,
            new StateDir(stateDir),
            new ProbeRunner(withDhcp, kernel::observe), // probes need routes, not resolved
            Clock.systemUTC());
    return new Engine(observer, applier, new KernelModules(withDhcp))
        .guarded(guard, apiServer, hooks);
  }

  private DhcpRunner dhcpRunner(Path stateDir) {
    DhcpRunner withDhcp = DhcpRunner.around(runner, stateDir, Capabilities.mayRunDhcpClients());
    dhcpRunners.add(withDhcp);
    return withDhcp;
  }

  HostObserver observer() {
    return new HostObserver(iproute, runner, Path.of("/")).withResolved(new Resolvectl(runner));
  }

  /** The host with the DHCP clients and leases of the state dir's clients, as apply sees it. */
  HostObserver observer(Path stateDir) {
    CommandRunner withDhcp = dhcpRunner(stateDir);
    return new HostObserver(iproute, withDhcp, Path.of("/")).withResolved(new Resolvectl(runner));
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int exit = run(new ProcessRunner(), out, err, args);
    // autoflush is per println: a document printed whole (import, export) would be lost at exit
    out.flush();
    err.flush();
    System.exit(exit);
  }

  /**
   * Runs the CLI with the given command seam and streams; returns the exit code. Every failure is
   * one line on {@code err}: {@code bondbridge: <reason>}.
   */
  public static int run(CommandRunner runner, PrintWriter out, PrintWriter err, String... args) {
    boolean debug = Arrays.asList(args).contains(DEBUG);
    BondBridgeCli root = null;
    try {
      root = new BondBridgeCli(runner);
      CommandLine cli = new CommandLine(root, new Factory(root));
      cli.setOut(out);
      cli.setErr(err);
      cli.setParameterExceptionHandler(
          (e, given) -> {
            err.println(
                "bondbridge: "
                    + Printable.line(e.getMessage())
                    + " (see: bondbridge help "
                    + e.getCommandLine().getCommandName()
                    + ")");
            return CliException.USAGE;
          });
      cli.setExecutionExceptionHandler((e, commandLine, parsed) -> failed(e, err, debug));
      return cli.execute(args);
    } catch (RuntimeException | Error e) {
      return failed(e, err, debug);
    } finally {
      if (root != null) {
        root.announcer.close();
        root.dhcpRunners.forEach(DhcpRunner::close);
      }
    }
  }

  private static int failed(Throwable e, PrintWriter err, boolean debug) {
    if (e instanceof CliException cliException) {
      err.println("bondbridge: " + Printable.line(e.getMessage()));
      return cliException.exitCode();
    }
    err.println(
        "bondbridge: internal error: "
            + Printable.line(e.getClass().getSimpleName() + ": " + e.getMessage())
            + (debug ? "" : " (run with " + DEBUG + " for the stack trace)"));
    if (debug) {
      e.printStackTrace(err);
    }
    err.flush();
    return CliException.INTERNAL;
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
