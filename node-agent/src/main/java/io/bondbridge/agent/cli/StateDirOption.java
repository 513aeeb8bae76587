package io.bondbridge.agent.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where the CLI keeps what outlives one command: checkpoints, address origins, the applied record
 * and the DHCP clients' files. {@code plan} and {@code show} read it too, so that they see the host
 * as {@code apply} does (a lease kept by the client an earlier command started, for one).
 */
final class StateDirOption {
  @Option(
      names = "--state-dir",
      defaultValue = "/var/lib/bondbridge",
      paramLabel = "DIR",
      description =
          "Where checkpoints, address origins and DHCP leases are kept (default: ${DEFAULT-VALUE}).")
  Path stateDir;
}
