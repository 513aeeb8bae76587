package io.bondbridge.agent.dhcp;

import io.bondbridge.agent.exec.CommandRunner;
import io.bondbridge.agent.host.DhcpView;
import io.bondbridge.agent.host.Lease;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The exec seam with DHCP clients: a plan's {@code dhclient} steps ({@code -d} keep, {@code -x}
 * stop, {@code -r} release, each naming one interface) go to {@link DhcpClients}, which adds the
 * client's files under the state dir and keeps the {@code -d} client as a child; every other
 * command goes to the plain runner. The observer learns the clients from it ({@link
 * DhcpView.Source}).
 */
public final class DhcpRunner implements CommandRunner, DhcpView.Source {
  private final CommandRunner plain;
  private final DhcpClients clients;
  private final HostDhcpClients hostClients;

  public DhcpRunner(CommandRunner plain, DhcpClients clients, HostDhcpClients hostClients) {
    this.plain = plain;
    this.clients = clients;
    this.hostClients = hostClients;
  }

  /** The plain runner with DHCP clients whose files live under {@code stateDir}. */
  public static DhcpRunner around(CommandRunner plain, Path stateDir) {
    LeaseFiles files = LeaseFiles.under(stateDir);
    return new DhcpRunner(
        plain, new DhcpClients(Dhclient.of(files), plain), new HostDhcpClients(files.dir()));
  }

  public DhcpClients clients() {
    return clients;
  }

  @Override
  public Result run(List<String> command, String stdin) {
    if (command.isEmpty() || !command.get(0).equals("dhclient")) {
      return plain.run(command, stdin);
    }
    String device = command.get(command.size() - 1);
    boolean router = command.contains("BONDBRIDGE_ROUTER=yes");
    if (command.contains("-d")) {
      clients.keep(device, router);
      return new Result(0, "", "");
    }
    if (command.contains("-r")) {
      return clients.release(device);
    }
    if (command.contains("-x")) {
      clients.stop(device);
      return new Result(0, "", "");
    }
    return new Result(2, "", "not a command of BondBridge's DHCP client: " + command);
  }

  @Override
  public Lines follow(List<String> command) {
    return plain.follow(command);
  }

  @Override
  public DhcpView dhcpView() {
    Path dir = clients.dhclient().files().dir();
    Set<String> running = new HashSet<>();
    Map<String, Lease> leases = new HashMap<>();
    if (Files.isDirectory(dir)) {
      try (DirectoryStream<Path> pids = Files.newDirectoryStream(dir, "*.pid")) {
        for (Path pid : pids) {
          String device = pid.getFileName().toString().replaceFirst("\\.pid$", "");
          // a client an earlier run left is not counted: the plan starts ours in its place
          if (clients.supervised(device)) {
            running.add(device);
            clients.lease(device).ifPresent(l -> leases.put(device, l));
          }
        }
      } catch (IOException e) {
        // no clients to tell of
      }
    }
    boolean visible = hostClients.visible();
    return new DhcpView(visible, running, visible ? hostClients.all() : List.of(), leases);
  }
}
