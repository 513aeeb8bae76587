package io.bondbridge.agent.dhcp;

import io.bondbridge.agent.host.HostDhcpClient;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the host's own DHCP clients in /proc. The one-host CLI sees every process of the host; the
 * agent's pod sees them only with {@code hostPID: true} (the chart's {@code agent.hostPID}): in a
 * PID namespace of its own the agent is PID 1 and sees nothing of the host's ({@link #visible}).
 */
public final class HostDhcpClients {
  private final Path proc;
  private final String ours;

  /**
   * @param ours the directory of BondBridge's own client files: those clients are not the host's
   */
  public HostDhcpClients(Path proc, Path ours) {
    this.proc = proc;
    this.ours = ours.toString();
  }

  public HostDhcpClients(Path ours) {
    this(Path.of("/proc"), ours);
  }

  /** Whether the host's processes can be seen: not in a PID namespace of our own. */
  public boolean visible() {
    return ProcessHandle.current().pid() != 1;
  }

  /** The host's dhclient processes. */
  public List<HostDhcpClient> all() {
    List<HostDhcpClient> found = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc, "[0-9]*")) {
      for (Path entry : entries) {
        long pid;
        try {
          pid = Long.parseLong(entry.getFileName().toString());
        } catch (NumberFormatException e) {
          continue;
        }
        try {
          byte[] cmdline = Files.readAllBytes(entry.resolve("cmdline"));
          String stat = Files.readString(entry.resolve("stat"));
          HostDhcpClient.parse(pid, cmdline, stat, ours).ifPresent(found::add);
        } catch (IOException e) {
          // the process ended while we looked: not a client any more
        }
      }
    } catch (IOException e) {
      return List.of();
    }
    return found;
  }
}
