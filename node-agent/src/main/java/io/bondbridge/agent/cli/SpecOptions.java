package io.bondbridge.agent.cli;

import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every spec-taking command shares. */
final class SpecOptions {
  @Option(
      names = {"-f", "--file"},
      required = true,
      paramLabel = "FILE",
      description = "A BondBridge (or BondBridgeNode) YAML, e.g. examples/bond.yaml.")
  Path file;

  @Option(
      names = "--node",
      paramLabel = "NAME",
      description =
          "This host's node name, for per-node addresses. Default: $NODE_NAME, else the host name.")
  String node;

  BondBridgeNodeSpec spec() {
    return SpecFile.read(file, node != null ? node : defaultNode());
  }

  static String defaultNode() {
    String fromEnv = System.getenv("NODE_NAME");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    try {
      return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
    } catch (IOException e) {
      return "localhost";
    }
  }
}
