package io.bondbridge.agent.host;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The DHCP clients on the host, as the planner needs them: BondBridge's own (one per interface that
 * keeps a lease) and the host's own dhclient processes (to pause on a port whose lease moves).
 *
 * @param hostVisible whether the host's processes can be seen at all (not from a pod of its own)
 * @param clients interfaces where BondBridge's client runs
 * @param hostClients the host's own dhclient processes
 * @param leases the lease each of BondBridge's clients last bound, by interface
 */
public record DhcpView(
    boolean hostVisible,
    Set<String> clients,
    List<HostDhcpClient> hostClients,
    Map<String, Lease> leases) {

  public DhcpView {
    clients = Set.copyOf(clients);
    hostClients = List.copyOf(hostClients);
    leases = Map.copyOf(leases);
  }

  /** No client anywhere, the host's processes in view: a host nobody runs DHCP on. */
  public static DhcpView none() {
    return new DhcpView(true, Set.of(), List.of(), Map.of());
  }

  /** The host's clients serving {@code port}. */
  public List<HostDhcpClient> hostClientsOn(String port) {
    return hostClients.stream().filter(c -> c.serves(port)).toList();
  }

  /** What can tell the observer about DHCP clients (the runner that starts them). */
  public interface Source {
    DhcpView dhcpView();
  }
}
