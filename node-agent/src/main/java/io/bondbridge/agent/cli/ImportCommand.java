package io.bondbridge.agent.cli;

import io.bondbridge.agent.importer.ImportResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
            + " interfaces file, with what it sources): the bond, its bridge and VLANs, and this"
            + " node's addresses. Every setting that could not be carried is named on stderr.")
final class ImportCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "FILE",
      defaultValue = "/etc/network/interfaces",
      description = "The interfaces file (default: ${DEFAULT-VALUE}).")
  Path file;

  @Mixin NodeOption node;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "The BondBridge's name (default: the bond's).")
  String name;

  @Spec picocli.CommandLine.Model.CommandSpec commandSpec;

  ImportCommand(BondBridgeCli cli) {}

  @Override
  public Integer call() {
    if (!Files.isRegularFile(file)) {
      throw new CliException(CliException.USAGE, file + " is not a file");
    }
    ImportResult result;
    try {
      result = ImportResult.ofInterfaces(file, node.name(), name);
    } catch (IllegalArgumentException e) {
      throw new CliException(CliException.USAGE, file + ": " + e.getMessage());
    }
    PrintWriter err = commandSpec.commandLine().getErr();
    result.notCarried().forEach(n -> err.println("bondbridge: " + Printable.line(n)));
    if (!result.refusals().isEmpty()) {
      throw new CliException(
          CliException.USAGE,
          "the BondBridge made from "
              + file
              + " is refused by the CRD: "
              + String.join("; ", result.refusals()));
    }
    commandSpec.commandLine().getOut().print(result.yaml());
    return 0;
  }
}
