package io.bondbridge.agent.safety;

import io.bondbridge.agent.exec.CommandRunner;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Route;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Runs probes against the live host: ping through iputils, TCP with a socket. */
public final class ProbeRunner {
  private final CommandRunner runner;
  private final Supplier<HostState> host;

  public ProbeRunner(CommandRunner runner, Supplier<HostState> host) {
    this.runner = runner;
    this.host = host;
  }

  /** Null when the probe passes, else why it failed. */
  public String check(Probe probe) {
    if (probe instanceof Probe.Gateway) {
      // the first default route of each family: IPv4's, and IPv6's (a router's link-local
      // address, reached through its device)
      List<Route> defaults = new ArrayList<>();
      for (Route route : host.get().routes()) {
        if (route.isDefault() && defaults.stream().noneMatch(d -> d.isIpv6() == route.isIpv6())) {
          defaults.add(route);
        }
      }
      if (defaults.isEmpty() || defaults.stream().allMatch(r -> r.gateway() == null)) {
        return "the node has no default gateway";
      }
      for (Route route : defaults) {
        if (route.gateway() != null && !ping(target(route))) {
          return "default gateway " + route.gateway() + " does not answer";
        }
      }
      return null;
    }
    if (probe instanceof Probe.Ping ping) {
      return ping(ping.address()) ? null : ping.address() + " does not answer ping";
    }
    Probe.Tcp tcp = (Probe.Tcp) probe;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(tcp.host(), tcp.port()), 1000);
      return null;
    } catch (IOException e) {
      return tcp.describe() + " refuses or does not answer (" + e.getMessage() + ")";
    }
  }

  /** A link-local next hop means nothing without its interface: fe80::1%br0. */
  private static String target(Route route) {
    return route.gateway().toLowerCase(java.util.Locale.ROOT).startsWith("fe80:")
        ? route.gateway() + "%" + route.device()
        : route.gateway();
  }

  private boolean ping(String address) {
    return runner.run(List.of("ping", "-n", "-q", "-c", "1", "-W", "1", address)).ok();
  }
}
