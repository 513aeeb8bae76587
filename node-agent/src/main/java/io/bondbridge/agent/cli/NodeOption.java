package io.bondbridge.agent.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --node}: whose entry of a spec's per-node addresses is this host's. */
final class NodeOption {
  @Option(
      names = "--node",
      paramLabel = "NAME",
      description =
          "This host's node name, for per-node addresses. Default: $NODE_NAME, else the host name.")
  String node;

  /** The name given, else $NODE_NAME, else the host name. */
  String name() {
    if (node != null) {
      return node;
    }
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
