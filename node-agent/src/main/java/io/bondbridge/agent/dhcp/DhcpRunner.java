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
 * stop, {@code -r} release, each naming one interface, {@code -4} or {@code -6}) go to the {@link
 * DhcpClients} of that family, which adds the client's files under the state dir and keeps the
 * {@code -d} client as a child; every other command goes to the plain runner. The observer learns
 * the clients from it ({@link DhcpView.Source}).
 */
public final class DhcpRunner implements CommandRunner, DhcpView.Source, AutoCloseable {
  private final CommandRunner plain;
  private final DhcpClients clients;
  private final DhcpClients clients6;
  private final HostDhcpClients hostClients;
  private final boolean runs6;

  /**
   * @param runs6 whether DHCPv6 clients are run for ipv6.mode auto (see {@link DhcpView#runs6})
   */
  public DhcpRunner(
      CommandRunner plain,
      DhcpClients clients,
      DhcpClients clients6,
      HostDhcpClients hostClients,
      boolean runs6) {
    this.plain = plain;
    this.clients = clients;
    this.clients6 = clients6;
    this.hostClients = hostClients;
    this.runs6 = runs6;
  }

  /**
   * The plain runner with DHCP clients whose files live under {@code stateDir}.
   *
   * @param runs6 whether ipv6.mode auto runs a DHCPv6 client (the process may bind its port)
   */
  public static DhcpRunner around(CommandRunner plain, Path stateDir, boolean runs6) {
    LeaseFiles files = LeaseFiles.under(stateDir);
    return new DhcpRunner(
        plain,
        new DhcpClients(Dhclient.of(files), plain),
        new DhcpClients(Dhclient.of(files.forIpv6()), plain),
        new HostDhcpClients(files.dir()),
        runs6);
  }

  /** The DHCPv4 clients. */
  public DhcpClients clients() {
    return clients;
  }

  public DhcpClients clients6() {
    return clients6;
  }

  @Override
  public Result run(List<String> command, String stdin) {
    if (command.isEmpty() || !command.get(0).equals("dhclient")) {
      return plain.run(command, stdin);
    }
    String device = command.get(command.size() - 1);
    boolean router = command.contains("BONDBRIDGE_ROUTER=yes");
    DhcpClients clients = command.contains("-6") ? this.clients6 : this.clients;
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

  /** Ends the supervision of both families' clients; the clients go on with their leases. */
  @Override
  public void close() {
    clients.close();
    clients6.close();
  }

  @Override
  public Lines follow(List<String> command) {
    return plain.follow(command);
  }

  @Override
  public DhcpView dhcpView() {
    Map<String, Lease> leases = new HashMap<>();
    Map<String, Lease> leases6 = new HashMap<>();
    Set<String> running = supervised(clients, "*.pid", leases);
    Set<String> running6 = supervised(clients6, "*.pid6", leases6);
    boolean visible = hostClients.visible();
    return new DhcpView(
        visible,
        running,
        visible ? hostClients.all() : List.of(),
        leases,
        running6,
        leases6,
        runs6);
  }

  /**
   * The interfaces where our child keeps a lease, by their pid files; their leases into {@code
   * leases}.
   */
  private static Set<String> supervised(
      DhcpClients clients, String pidFiles, Map<String, Lease> leases) {
    Path dir = clients.dhclient().files().dir();
    Set<String> running = new HashSet<>();
    if (Files.isDirectory(dir)) {
      try (DirectoryStream<Path> pids = Files.newDirectoryStream(dir, pidFiles)) {
        for (Path pid : pids) {
          String name = pid.getFileName().toString();
          String device = name.substring(0, name.lastIndexOf('.'));
          // a client an earlier run left counts: it is adopted
          if (clients.running(device)) {
            running.add(device);
            clients.lease(device).ifPresent(l -> leases.put(device, l));
          }
        }
      } catch (IOException e) {
        // no clients to tell of
      }
    }
    return running;
  }
}
