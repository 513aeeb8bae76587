package io.bondbridge.agent.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.exec.CommandRunner;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Route;
import io.bondbridge.api.v1alpha1.Probes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Probes against loopback (TCP) and a scripted ping (the kernel tier pings for real). */
class ProbeRunnerTest {
  private final List<List<String>> pings = new ArrayList<>();
  private final CommandRunner pingAnswers =
      (command, stdin) -> {
        pings.add(command);
        return new CommandRunner.Result(command.contains("10.0.0.1") ? 0 : 1, "", "");
      };

  private static HostState withDefaultVia(String gateway) {
    List<Route> routes = gateway == null ? List.of() : List.of(Route.of("default", gateway, "br0"));
    return HostState.of(List.of(), List.of(), List.of(), routes);
  }

  @Test
  void aListeningApiServerPassesAndAClosedPortFails() throws IOException {
    ProbeRunner probes = new ProbeRunner(pingAnswers, () -> withDefaultVia(null));
    int closedPort;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = closed.getLocalPort();
    }
    try (ServerSocket apiServer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThat(probes.check(new Probe.Tcp("API server", "127.0.0.1", apiServer.getLocalPort())))
          .isNull();
    }
    assertThat(probes.check(new Probe.Tcp("API server", "127.0.0.1", closedPort)))
        .startsWith("API server 127.0.0.1:" + closedPort + " refuses or does not answer");
  }

  @Test
  void theGatewayProbePingsTheCurrentDefaultGateway() {
    assertThat(
            new ProbeRunner(pingAnswers, () -> withDefaultVia("10.0.0.1"))
                .check(new Probe.Gateway()))
        .isNull();
    assertThat(
            new ProbeRunner(pingAnswers, () -> withDefaultVia("10.0.0.99"))
                .check(new Probe.Gateway()))
        .isEqualTo("default gateway 10.0.0.99 does not answer");
    assertThat(new ProbeRunner(pingAnswers, () -> withDefaultVia(null)).check(new Probe.Gateway()))
        .isEqualTo("the node has no default gateway");
    assertThat(pings).allSatisfy(command -> assertThat(command.get(0)).isEqualTo("ping"));
  }

  @Test
  void onADualStackNodeTheIpv6GatewayMustAnswerTooThroughItsDevice() {
    List<List<String>> sent = new ArrayList<>();
    CommandRunner answersOnly = // the IPv4 gateway, and the router's link-local address on br0
        (command, stdin) -> {
          sent.add(command);
          boolean up = command.contains("10.0.0.1") || command.contains("fe80::1%br0");
          return new CommandRunner.Result(up ? 0 : 1, "", "");
        };
    Route v4 = Route.of("default", "10.0.0.1", "br0");
    Route v6 = Route.of("default", "fe80::1", "br0").withProtocol("ra");
    Route wrongV6 = Route.of("default", "2001:db8:1::99", "br0");

    assertThat(
            new ProbeRunner(
                    answersOnly,
                    () -> HostState.of(List.of(), List.of(), List.of(), List.of(v4, v6)))
                .check(new Probe.Gateway()))
        .isNull();
    assertThat(sent)
        .extracting(c -> c.get(c.size() - 1))
        .containsExactly("10.0.0.1", "fe80::1%br0");
    assertThat(
            new ProbeRunner(
                    answersOnly,
                    () -> HostState.of(List.of(), List.of(), List.of(), List.of(v4, wrongV6)))
                .check(new Probe.Gateway()))
        .isEqualTo("default gateway 2001:db8:1::99 does not answer");
    // an IPv6-only node
    assertThat(
            new ProbeRunner(
                    answersOnly, () -> HostState.of(List.of(), List.of(), List.of(), List.of(v6)))
                .check(new Probe.Gateway()))
        .isNull();
  }

  @Test
  void theSpecDecidesWhichProbesRun() {
    Probe.Tcp api = new Probe.Tcp("API server", "10.96.0.1", 443);
    Probes all =
        new Probes(
            60,
            true,
            true,
            List.of(new Probes.Target("10.0.0.3", null), new Probes.Target("10.0.0.4", 22)));

    assertThat(ProbeSet.of(all, api))
        .containsExactly(
            new Probe.Gateway(),
            api,
            new Probe.Ping("10.0.0.3"),
            new Probe.Tcp("target", "10.0.0.4", 22));
    assertThat(ProbeSet.of(new Probes(60, false, false, null), api)).isEmpty();
    assertThat(ProbeSet.of(null, null)).containsExactly(new Probe.Gateway());
  }
}
