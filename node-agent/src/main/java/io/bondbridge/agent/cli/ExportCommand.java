package io.bondbridge.agent.cli;

import io.bondbridge.agent.exporter.Exported;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "export",
    description =
        "Print a BondBridge, as this node gets it, in the host's own tool's format (ifupdown's"
            + " interfaces, netplan, RHEL ifcfg, NetworkManager keyfiles, systemd-networkd's"
            + " .netdev and .network files), for admins who want their distribution to own the"
            + " configuration. Every setting the format cannot hold is named on stderr. Reads no"
            + " host state and changes nothing.")
final class ExportCommand implements Callable<Integer> {
  @Mixin SpecOptions options;

  @Option(
      names = "--format",
      required = true,
      paramLabel = "FORMAT",
      description = "${COMPLETION-CANDIDATES}.")
  Exported.Format format;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Write the files into DIR (e.g. /etc/netplan) instead of printing them; an existing file"
              + " of that name is refused.")
  Path out;

  @Spec picocli.CommandLine.Model.CommandSpec commandSpec;

  ExportCommand(BondBridgeCli cli) {}

  @Override
  public Integer call() {
    Exported exported;
    try {
      exported = Exported.of(options.spec(), format);
    } catch (IllegalArgumentException e) {
      throw new CliException(CliException.USAGE, options.file + ": " + e.getMessage());
    }
    PrintWriter err = commandSpec.commandLine().getErr();
    exported.notWritten().forEach(n -> err.println("bondbridge: " + Printable.line(n)));
    if (out == null) {
      commandSpec.commandLine().getOut().print(String.join("\n", exported.files().values()));
      return 0;
    }
    if (!Files.isDirectory(out)) {
      throw new CliException(CliException.USAGE, out + " is not a directory");
    }
    for (String name : exported.files().keySet()) {
      if (Files.exists(out.resolve(name))) {
        throw new CliException(
            CliException.USAGE, out.resolve(name) + " exists: move it away first, or print");
      }
    }
    for (Map.Entry<String, String> f : exported.files().entrySet()) {
      try {
        Path file = Files.writeString(out.resolve(f.getKey()), f.getValue());
        if (f.getKey().endsWith(".nmconnection")) {
          // NetworkManager ignores a keyfile that others can read
          Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + out.resolve(f.getKey()), e);
      }
    }
    return 0;
  }
}
