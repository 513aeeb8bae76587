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

  @Override
  public Integer call() {
    PrintWriter out = commandSpec.commandLine().getOut();
    PrintWriter err = commandSpec.commandLine().getErr();
    List<Path> files = files();
    String nodeName = node.name();
    int exit = 0;
    Map<String, BondBridgeNodeSpec> specs = new LinkedHashMap<>();
    Map<String, String> fileOf = new LinkedHashMap<>();
    for (Path file : files) {
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
        exit = Math.max(exit, e.exitCode());
      }
    }
    StateDir state = new StateDir(guard.stateDir);
    Engine engine = cli.guardedEngine(guard.stateDir, guard.apiServerProbe(), guard.crashHook());
    Map<String, String> booted = new LinkedHashMap<>();
    state
        .booted()
        .forEach(
            (name, file) -> {
              // a file still there but refused this time keeps what it made: only a gone one (or
              // one that now holds another BondBridge) has its BondBridge torn down
              if (!specs.containsKey(name)
                  && Files.exists(Path.of(file))
                  && !fileOf.containsValue(file)) {
                booted.put(name, file);
              }
            });
    for (Map.Entry<String, String> last : state.booted().entrySet()) {
      String name = last.getKey();
      if (specs.containsKey(name) || booted.containsKey(name) || state.applied(name).isEmpty()) {
        continue;
      }
      out.println(name + ": " + last.getValue() + " is gone; tearing down what it made");
      int code = ApplyCommand.report(engine.delete(state.applied(name).get()), out, "deleted");
      if (code != 0) {
        booted.put(name, last.getValue()); // still there: the next boot tries again
      }
      exit = Math.max(exit, code);
    }
    for (Map.Entry<String, BondBridgeNodeSpec> entry : specs.entrySet()) {
      out.println(entry.getKey() + " (" + fileOf.get(entry.getKey()) + "):");
      exit = Math.max(exit, ApplyCommand.report(engine.apply(entry.getValue()), out, "applied"));
      booted.put(entry.getKey(), fileOf.get(entry.getKey()));
    }
    state.writeBooted(booted);
    return exit;
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
