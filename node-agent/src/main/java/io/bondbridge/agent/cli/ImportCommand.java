package io.bondbridge.agent.cli;

import io.bondbridge.agent.importer.ImportResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "import",
    description =
        "Print a BondBridge made from the host's own network configuration (an ifupdown"
            + " interfaces file, with what it sources, RHEL ifcfg-* files, netplan YAML or NetworkManager keyfiles): the bond, its"
            + " bridge and VLANs, and this node's addresses. Every setting that could not be"
            + " carried is named on stderr.")
final class ImportCommand implements Callable<Integer> {
  @Parameters(
      arity = "0..*",
      paramLabel = "FILE|DIR",
      description =
          "An interfaces file; ifcfg-* files or a directory of them, such as"
              + " /etc/sysconfig/network-scripts; netplan YAML files or /etc/netplan; *.nmconnection files or"
              + " /etc/NetworkManager/system-connections (default:"
              + " /etc/network/interfaces).")
  List<Path> paths = new ArrayList<>();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description =
          "${COMPLETION-CANDIDATES}; default: told from the content (a directory by the files"
              + " in it; a file: YAML with a network: mapping is netplan, *.nmconnection or one"
              + " opening with [connection] a keyfile, ifcfg-* or one of KEY=VALUE lines ifcfg).")
  ImportResult.Format format;

  @Mixin NodeOption node;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "The BondBridge's name (default: the bond's).")
  String name;

  @Spec picocli.CommandLine.Model.CommandSpec commandSpec;

  @Option(
      names = "--live",
      description =
          "Read the running host instead of files: for a bond made by hand (ip, ifenslave) that no"
              + " file describes.")
  boolean live;

  @Option(
      names = "--bond",
      paramLabel = "NAME",
      description = "With --live: the bond to import (default: the host's first).")
  String bond;

  private final BondBridgeCli cli;

  ImportCommand(BondBridgeCli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    if (live && (!paths.isEmpty() || format != null)) {
      throw new CliException(CliException.USAGE, "--live reads the host: give no FILE or --format");
    }
    if (bond != null && !live) {
      throw new CliException(CliException.USAGE, "--bond goes with --live");
    }
    if (live) {
      try {
        return print(
            ImportResult.live(cli.observer().observe(), bond, node.name(), name),
            "the running host");
      } catch (IllegalArgumentException e) {
        throw new CliException(CliException.REFUSED, e.getMessage());
      }
    }
    List<Path> from = paths.isEmpty() ? List.of(Path.of("/etc/network/interfaces")) : paths;
    for (Path p : from) {
      if (!Files.isRegularFile(p) && !Files.isDirectory(p)) {
        throw new CliException(CliException.USAGE, p + " is not a file or a directory");
      }
    }
    String what = String.join(" ", from.stream().map(Path::toString).toList());
    ImportResult result;
    try {
      result =
          ImportResult.of(
              from, format != null ? format : ImportResult.Format.of(from), node.name(), name);
    } catch (IllegalArgumentException e) {
      throw new CliException(CliException.USAGE, what + ": " + e.getMessage());
    }
    return print(result, what);
  }

  private int print(ImportResult result, String what) {
    PrintWriter err = commandSpec.commandLine().getErr();
    result.notCarried().forEach(n -> err.println("bondbridge: " + Printable.line(n)));
    if (!result.refusals().isEmpty()) {
      throw new CliException(
          CliException.USAGE,
          "the BondBridge made from "
              + what
              + " is refused by the CRD: "
              + String.join("; ", result.refusals()));
    }
    commandSpec.commandLine().getOut().print(result.yaml());
    return 0;
  }
}
