package io.bondbridge.agent.safety;

import io.bondbridge.agent.exec.CommandRunner;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Route;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Optional;
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
      Optional<Route> route = host.get().routes().stream().filter(Route::isDefault).findFirst();
      if (route.isEmpty() || route.get().gateway() == null) {
        return "the node has no default gateway";
      }
      return ping(route.get().gateway())
          ? null
          : "default gateway " + route.get().gateway() + " does not answer";
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

  private boolean ping(String address) {
    return runner.run(List.of("ping", "-n", "-q", "-c", "1", "-W", "1", address)).ok();
  }
}
