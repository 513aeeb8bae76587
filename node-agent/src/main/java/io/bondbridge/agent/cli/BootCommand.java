package io.bondbridge.agent.cli;

import io.bondbridge.agent.Engine;
import io.bondbridge.agent.safety.StateDir;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The one-host user's boot: every BondBridge file of a directory applied, as {@code ifup -a} brings
 * up every stanza of {@code /etc/network/interfaces}, and what a file that is gone since the last
 * boot had made torn down. Each change is guarded like {@code apply}; a file that is refused or
 * fails does not keep the others from being applied. Teardowns come first, so a BondBridge that
 * replaces a removed one can take its ports.
 */
@Command(
    name = "boot",
    description =
        "Apply every BondBridge file (*.yaml, *.yml) in --config-dir, in name order, guarded like"
            + " apply; tear down what a file applied by an earlier boot, and gone since, had made."
            + " Run at boot by the bondbridge-boot.service systemd unit.")
final class BootCommand implements Callable<Integer> {
  private final BondBridgeCli cli;

  @Option(
      names = "--config-dir",
      defaultValue = "/etc/bondbridge",
      paramLabel = "DIR",
      description = "The directory of BondBridge files (default: ${DEFAULT-VALUE}).")
  Path configDir;

  @Mixin NodeOption node;

  @Mixin GuardOptions guard;

  @Spec picocli.CommandLine.Model.CommandSpec commandSpec;

  BootCommand(BondBridgeCli cli) {
    this.cli = cli;
  }

  // the worst exit code of all files and changes so far
  private int exit;

  /** The files read: each BondBridge's spec and its file, in name order. */
  private record Config(Map<String, BondBridgeNodeSpec> specs, Map<String, String> fileOf) {}

  @Override
  public Integer call() {
    PrintWriter out = commandSpec.commandLine().getOut();
    Config config = read(commandSpec.commandLine().getErr());
    StateDir state = new StateDir(guard.stateDir());
    Engine engine = cli.guardedEngine(guard.stateDir(), guard.apiServerProbe(), guard.crashHook());
    Map<String, String> booted = tearDownGone(config, state, engine, out);
    for (Map.Entry<String, BondBridgeNodeSpec> entry : config.specs().entrySet()) {
      String file = config.fileOf().get(entry.getKey());
      out.println(entry.getKey() + " (" + file + "):");
      worst(ApplyCommand.report(engine.apply(entry.getValue()), out, "applied"));
      booted.put(entry.getKey(), file);
    }
    state.writeBooted(booted);
    return exit;
  }

  private void worst(int code) {
    exit = Math.max(exit, code);
  }

  /** Reads every file; one that is refused is reported on {@code err} and left out. */
  private Config read(PrintWriter err) {
    String nodeName = node.name();
    Map<String, BondBridgeNodeSpec> specs = new LinkedHashMap<>();
    Map<String, String> fileOf = new LinkedHashMap<>();
    for (Path file : files()) {
      try {
        BondBridgeNodeSpec spec = SpecFile.read(file, nodeName);
        if (specs.containsKey(spec.bondBridge())) {
          throw new CliException(
              CliException.USAGE,
              file + " holds BondBridge " + spec.bondBridge() + " again: one file per BondBridge");
        }
        specs.put(spec.bondBridge(), ApplyCommand.withTimeout(spec, guard.confirmTimeout));
        fileOf.put(spec.bondBridge(), file.toString());
      } catch (CliException e) {
        err.println("bondbridge: " + Printable.line(e.getMessage()));
        worst(e.exitCode());
      }
    }
    return new Config(specs, fileOf);
  }

  /**
   * Tears down, from its record, each BondBridge the last boot applied whose file is gone (or now
   * holds another BondBridge); returns what stays booted: a file still there but refused this time
   * keeps what it made, and a teardown that failed is tried again at the next boot.
   */
  private Map<String, String> tearDownGone(
      Config config, StateDir state, Engine engine, PrintWriter out) {
    Map<String, String> booted = new LinkedHashMap<>();
    for (Map.Entry<String, String> last : state.booted().entrySet()) {
      String name = last.getKey();
      String file = last.getValue();
      if (config.specs().containsKey(name)) {
        continue;
      }
      if (Files.exists(Path.of(file)) && !config.fileOf().containsValue(file)) {
        booted.put(name, file);
        continue;
      }
      if (state.applied(name).isEmpty()) {
        continue;
      }
      out.println(name + ": " + file + " is gone; tearing down what it made");
      int code = ApplyCommand.report(engine.delete(state.applied(name).get()), out, "deleted");
      if (code != 0) {
        booted.put(name, file);
      }
      worst(code);
    }
    return booted;
  }

  /** The directory's BondBridge files in name order; a directory that is not there is an error. */
  private List<Path> files() {
    if (!Files.isDirectory(configDir)) {
      // not "nothing configured": tearing everything down for a mistyped path would be worse
      throw new CliException(CliException.USAGE, configDir + " is not a directory");
    }
    try (Stream<Path> entries = Files.list(configDir)) {
      return entries
          .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new CliException(
          CliException.USAGE, "cannot list " + configDir + ": " + e.getMessage());
    }
  }
}
