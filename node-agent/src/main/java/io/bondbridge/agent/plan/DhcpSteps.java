package io.bondbridge.agent.plan;

import io.bondbridge.agent.host.Address;
import io.bondbridge.agent.host.DhcpView;
import io.bondbridge.agent.host.HostDhcpClient;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Route;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.Ipv4Mode;
import io.bondbridge.api.v1alpha1.Ipv6Mode;
import io.bondbridge.api.v1alpha1.NodeIpv4;
import io.bondbridge.api.v1alpha1.NodeIpv6;
import io.bondbridge.api.v1alpha1.NodeVlan;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * DHCP: leases kept by the agent's own client (ipv4.mode dhcp on the top interface or a VLAN, and
 * an inherited lease on the top interface, which has the port's MAC, so the server gives the same
 * address), and the host's own client on a port paused while the port is ours, so that it cannot
 * renew the lease onto the enslaved port. DHCPv6 runs beside SLAAC where ipv6.mode is auto (on the
 * top interface or a VLAN): the address from a DHCPv6 server, if the link has one. Pure, like
 * {@link Planner}.
 */
final class DhcpSteps {
  private DhcpSteps() {}

  /**
   * Whether the top interface takes the ports' addresses and routes: inherit, and dhcp too (a
   * port's lease moves at once, so the node keeps its address until the agent's client renews it).
   */
  static boolean movesPortAddresses(NodeIpv4 ipv4) {
    return ipv4.mode() == Ipv4Mode.INHERIT || ipv4.mode() == Ipv4Mode.DHCP;
  }

  /** Whether teardown gives the top interface's addresses back to the ports they came from. */
  static boolean givesBack(NodeIpv4 ipv4, Origins origins) {
    return ipv4.mode() == Ipv4Mode.INHERIT
        || (ipv4.mode() == Ipv4Mode.DHCP && !origins.addresses().isEmpty());
  }

  /**
   * The interfaces of the spec that are ours once it is applied and that a client of the host's may
   * serve already: the top interface and the VLANs (a bond adopted from ifupdown's {@code inet
   * dhcp}, whose dhclient runs on it).
   */
  static List<String> ourInterfaces(BondBridgeNodeSpec spec) {
    List<String> devices = new ArrayList<>(List.of(spec.topInterface()));
    spec.vlansOrEmpty().forEach(v -> devices.add(v.topInterface()));
    return devices;
  }

  /**
   * A lease on a port, or on a device adopted now (a bond ifupdown's {@code inet dhcp} made), whose
   * client cannot be paused: the two would fight over the address. Interfaces already ours are not
   * looked at: their leases are the agent's own clients', which may be between two starts.
   */
  static List<String> refusals(HostState host, List<String> carriers, List<String> adopted) {
    List<String> refusals = new ArrayList<>();
    DhcpView dhcp = host.dhcp();
    List<String> devices = new ArrayList<>(carriers);
    adopted.stream().filter(d -> !devices.contains(d)).forEach(devices::add);
    for (String device : devices) {
      // a port is enslaved; an adopted interface has the agent's client
      String taken = carriers.contains(device) ? " is enslaved" : " is BondBridge's";
      for (Address address : host.addressesOn(device)) {
        if (!address.isLease()) {
          continue;
        }
        if (!dhcp.hostVisible()) {
          refusals.add(
              address.cidr()
                  + " on "
                  + device
                  + " is a lease (DHCP) from a client on the host, which the agent cannot see"
                  + " from its own PID namespace: set the chart's agent.dhcp.hostPID=true, so that"
                  + " it can pause that client while "
                  + device
                  + taken);
        } else if (dhcp.hostClientsOn(device).isEmpty() && !dhcp.clients().contains(device)) {
          refusals.add(
              address.cidr()
                  + " on "
                  + device
                  + " is a lease (DHCP), and no dhclient serves "
                  + device
                  + ": another client (systemd-networkd, NetworkManager) would renew it while "
                  + device
                  + taken
                  + "; BondBridge can pause only dhclient, so let that client give "
                  + device
                  + " up first");
        }
      }
    }
    return refusals;
  }

  /**
   * Pauses the host's clients of the ports whose lease the change takes, and of the interfaces that
   * become ours (the change keeps their addresses itself): first, changing nothing.
   */
  static void pauseHostClients(
      Simulation sim, HostState host, List<String> carriers, BondBridgeNodeSpec spec) {
    List<String> devices = new ArrayList<>();
    carriers.stream()
        .filter(p -> host.addressesOn(p).stream().anyMatch(Address::isLease))
        .forEach(devices::add);
    ourInterfaces(spec).stream().filter(d -> !devices.contains(d)).forEach(devices::add);
    for (String device : devices) {
      for (HostDhcpClient client : host.dhcp().hostClientsOn(device)) {
        if (!client.paused()) {
          sim.emit(new DhcpStep.PauseHostDhcpClient(client.pid(), device));
        }
      }
    }
  }

  /** Whether the top interface keeps a DHCPv4 lease: dhcp, or inherit of a lease. */
  private static boolean leasesTop(BondBridgeNodeSpec spec, HostState host, List<String> carriers) {
    NodeIpv4 ipv4 = spec.ipv4OrDefault();
    String top = spec.topInterface();
    return ipv4.mode() == Ipv4Mode.DHCP
        || (ipv4.mode() == Ipv4Mode.INHERIT
            && (host.dhcp().clients().contains(top)
                || host.addressesOn(top).stream().anyMatch(Address::isLease)
                || carriers.stream()
                    .flatMap(p -> host.addressesOn(p).stream())
                    .anyMatch(Address::isLease)));
  }

  private static boolean leases(NodeVlan vlan) {
    return vlan.ipv4() != null && vlan.ipv4().mode() == Ipv4Mode.DHCP;
  }

  /**
   * Before the addresses: the agent's DHCPv4 client on an interface of this spec that no longer
   * keeps a lease (dhcp before, static or none now) is stopped, with the default route its lease
   * made, so that it renews neither onto the interface again. The address goes with the addresses
   * the spec does not name, or stays, made permanent, where the spec names it.
   */
  static void stopUnwanted(
      PlanContext ctx, BondBridgeNodeSpec spec, HostState host, List<String> carriers) {
    Set<String> clients = host.dhcp().clients();
    String top = spec.topInterface();
    if (clients.contains(top) && !leasesTop(spec, host, carriers)) {
      List<Route> made = leaseRoutes(host, top, RouteSteps.staticRoutes(spec.ipv4OrDefault(), top));
      boolean router =
          host.routesVia(top).stream()
              .anyMatch(r -> r.isDefault() && !r.isIpv6() && "dhcp".equals(r.protocol()));
      ctx.emit(new DhcpStep.StopDhcpClient(top, router)); // a rollback starts it as it was
      made.forEach(r -> ctx.emit(new RouteStep.DelRoute(r)));
    }
    for (NodeVlan vlan : spec.vlansOrEmpty()) {
      if (clients.contains(vlan.topInterface()) && !leases(vlan)) {
        ctx.emit(new DhcpStep.StopDhcpClient(vlan.topInterface(), false));
      }
    }
  }

  /** The routes a DHCPv4 lease made on {@code device} that the spec does not name itself. */
  private static List<Route> leaseRoutes(HostState host, String device, List<Route> named) {
    return host.routesVia(device).stream()
        .filter(r -> !r.isIpv6() && "dhcp".equals(r.protocol()))
        .filter(
            r ->
                named.stream()
                    .noneMatch(
                        n ->
                            n.destination().equals(r.destination())
                                && Objects.equals(n.gateway(), r.gateway())))
        .toList();
  }

  /** Once the interfaces are up: the agent's clients on the top interface and dhcp VLANs. */
  static void keepLeases(
      Simulation sim, BondBridgeNodeSpec spec, HostState host, List<String> carriers) {
    NodeIpv4 ipv4 = spec.ipv4OrDefault();
    String top = spec.topInterface();
    Set<String> clients = host.dhcp().clients();
    if (leasesTop(spec, host, carriers) && !clients.contains(top)) {
      sim.emit(new DhcpStep.KeepDhcpLease(top, ipv4.mode() == Ipv4Mode.DHCP));
    }
    for (NodeVlan vlan : spec.vlansOrEmpty()) {
      if (leases(vlan) && !clients.contains(vlan.topInterface())) {
        sim.emit(new DhcpStep.KeepDhcpLease(vlan.topInterface(), false));
      }
    }
    keepLeases6(sim, top, spec.ipv6OrDefault(), host);
    for (NodeVlan vlan : spec.vlansOrEmpty()) {
      keepLeases6(sim, vlan.topInterface(), vlan.ipv6(), host);
    }
  }

  /**
   * The agent's DHCPv6 client where ipv6.mode is auto and the agent may run one; one left from auto
   * before (the mode changed) gives its lease back, and its address goes with it.
   */
  private static void keepLeases6(Simulation sim, String device, NodeIpv6 ipv6, HostState host) {
    boolean wanted = ipv6 != null && ipv6.mode() == Ipv6Mode.AUTO && host.dhcp().runs6();
    boolean running = host.dhcp().clients6().contains(device);
    if (wanted && !running) {
      sim.emit(new DhcpStep.KeepDhcpLease(device, false, true));
    } else if (!wanted && running) {
      sim.emit(new DhcpStep.ReleaseDhcpLease(device, false, true));
    }
  }

  /**
   * Teardown, first: the agent's DHCPv6 clients stopped. Their addresses go with the interfaces
   * they are on, which are all ours; a rollback starts the clients again on the same lease.
   */
  static void stopClients6(List<Step> steps, BondBridgeNodeSpec spec, HostState host) {
    for (String device : ourInterfaces(spec)) {
      if (host.dhcp().clients6().contains(device)) {
        steps.add(new DhcpStep.StopDhcpClient(device, false, true));
      }
    }
  }

  /**
   * Teardown, first: the agent's client on the top interface stopped where its lease goes back to
   * the port it came from (the address stays; the port's own client renews it).
   *
   * @return the interfaces whose leases are released instead ({@link #release}): their addresses go
   *     with the release, so teardown leaves them to it
   */
  static Set<String> handOver(
      List<Step> steps, BondBridgeNodeSpec spec, HostState host, Origins origins) {
    Set<String> releases = new LinkedHashSet<>();
    Set<String> clients = host.dhcp().clients();
    NodeIpv4 ipv4 = spec.ipv4OrDefault();
    String top = spec.topInterface();
    if (clients.contains(top)) {
      if (givesBack(ipv4, origins)) {
        steps.add(new DhcpStep.StopDhcpClient(top, ipv4.mode() == Ipv4Mode.DHCP));
      } else {
        releases.add(top);
      }
    }
    for (NodeVlan vlan : spec.vlansOrEmpty()) {
      if (clients.contains(vlan.topInterface())) {
        releases.add(vlan.topInterface());
      }
    }
    return releases;
  }

  /**
   * Gives the lease of {@code device} back, if it is one to release: after its routes went (the
   * kernel drops them with the last address) and before the device does.
   */
  static void release(List<Step> steps, Set<String> releases, String device, boolean router) {
    if (releases.contains(device)) {
      steps.add(new DhcpStep.ReleaseDhcpLease(device, router));
    }
  }

  /**
   * Teardown, last: the host's clients of the ports go on, the ports' leases are theirs again; so
   * do those of the interfaces that were ours (an adopted bond's own dhclient).
   */
  static void resumeHostClients(
      List<Step> steps, HostState host, List<String> ports, BondBridgeNodeSpec spec) {
    List<String> devices = new ArrayList<>(ports);
    ourInterfaces(spec).stream().filter(d -> !devices.contains(d)).forEach(devices::add);
    for (String port : devices) {
      for (HostDhcpClient client : host.dhcp().hostClientsOn(port)) {
        if (client.paused()) {
          steps.add(new DhcpStep.ResumeHostDhcpClient(client.pid(), port));
        }
      }
    }
  }
}
