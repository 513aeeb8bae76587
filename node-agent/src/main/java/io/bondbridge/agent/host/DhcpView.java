package io.bondbridge.agent.host;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The DHCP clients on the host, as the planner needs them: BondBridge's own (one per interface that
 * keeps a lease) and the host's own dhclient processes (to pause on a port whose lease moves).
 *
 * @param hostVisible whether the host's processes can be seen at all (not from a pod of its own)
 * @param clients interfaces where BondBridge's DHCPv4 client runs
 * @param hostClients the host's own dhclient processes
 * @param leases the lease each of BondBridge's DHCPv4 clients last bound, by interface
 * @param clients6 interfaces where BondBridge's DHCPv6 client runs
 * @param leases6 the lease each of BondBridge's DHCPv6 clients last bound, by interface
 * @param runs6 whether the agent runs DHCPv6 clients (ipv6.mode auto) on this host: only where they
 *     may bind their port (CAP_NET_BIND_SERVICE); elsewhere auto is SLAAC alone
 */
public record DhcpView(
    boolean hostVisible,
    Set<String> clients,
    List<HostDhcpClient> hostClients,
    Map<String, Lease> leases,
    Set<String> clients6,
    Map<String, Lease> leases6,
    boolean runs6) {

  public DhcpView {
    clients = Set.copyOf(clients);
    hostClients = List.copyOf(hostClients);
    leases = Map.copyOf(leases);
    clients6 = Set.copyOf(clients6);
    leases6 = Map.copyOf(leases6);
  }

  /**
   * No client anywhere, the host's processes in view: a host nobody runs DHCP on, read without the
   * agent's DHCP runner (so no DHCPv6 client is planned).
   */
  public static DhcpView none() {
    return new DhcpView(true, Set.of(), List.of(), Map.of(), Set.of(), Map.of(), false);
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
