package io.bondbridge.agent.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.Engine;
import io.bondbridge.agent.cli.SpecFile;
import io.bondbridge.agent.host.Address;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Route;
import io.bondbridge.api.v1alpha1.Bond;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.BondBridgeSpec;
import io.bondbridge.api.v1alpha1.BondMode;
import io.bondbridge.api.v1alpha1.BondOptions;
import io.bondbridge.api.v1alpha1.Bridge;
import io.bondbridge.api.v1alpha1.Ipv4;
import io.bondbridge.api.v1alpha1.PortSelector;
import io.bondbridge.api.v1alpha1.Probes;
import io.bondbridge.testkit.HostSnapshot;
import io.bondbridge.testkit.PeerPing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A dual-stack node on a real kernel: the switch sends router advertisements for 2001:db8:1::/64
 * (dnsmasq, every 4 s), eth0 carries 10.0.0.2/24, a permanent 2001:db8:1::2/64, a static IPv6 route
 * and the SLAAC address it made by stable privacy (NetworkManager's default: a new interface would
 * make another address). A peer pings the node over IPv4 and over the SLAAC address throughout
 * inherit, a cable pull and delete; the pings lost over each move are printed, not asserted.
 */
class DualStackKernelIT {
  private static final String ROUTER6 = "2001:db8:1::1";
  private static final String STATIC6 = "2001:db8:1::2/64";
  private static final String PEER6 = "2001:db8:1::3";
  private static final String DNSMASQ_PID = "/run/bondbridge-test-dnsmasq.pid";
  private static final Duration SETTLE = Duration.ofSeconds(60);

  private KernelLab lab;
  private Path stateDir;

  @BeforeEach
  void lab() throws IOException {
    lab = KernelLab.withNics(2);
    stateDir = Files.createTempDirectory("bondbridge-state");
    // the lab's own set-up, as root in the VM (the agent itself never writes /proc/sys)
    Files.writeString(
        Path.of("/proc/sys/net/ipv6/conf/eth0/stable_secret"), "2001:db8:5ec:4e7::1\n");
    lab.ip("link", "set", "dev", "eth0", "addrgenmode", "stable_secret");
    lab.ip("-n", "sw", "addr", "add", ROUTER6 + "/64", "dev", "swbr", "nodad");
    lab.ip("-n", "peer", "addr", "add", PEER6 + "/64", "dev", "p0", "nodad");
    lab.ip(
        "netns",
        "exec",
        "sw",
        "dnsmasq",
        "--conf-file=/dev/null",
        "--port=0",
        "--user=root",
        "--group=root",
        "--pid-file=" + DNSMASQ_PID,
        "--interface=swbr",
        "--enable-ra",
        "--dhcp-range=2001:db8:1::,ra-only,64,10m",
        "--ra-param=swbr,4,1800");
    lab.ip("addr", "add", STATIC6, "dev", "eth0");
    lab.ip("-6", "route", "add", "2001:db8:99::/64", "via", "2001:db8:1::fe", "dev", "eth0");
    // eth1 too: it is up on the same link, so it makes its own (the snapshot holds it)
    lab.waitFor(
        SETTLE,
        () -> {
          HostState host = lab.host();
          return slaac(host, "eth0") != null
              && raDefault(host, "eth0")
              && slaac(host, "eth1") != null
              && raDefault(host, "eth1");
        },
        "eth0's and eth1's SLAAC addresses and the router's default route");
  }

  @AfterEach
  void clean() throws IOException {
    Path pid = Path.of(DNSMASQ_PID);
    if (Files.exists(pid)) {
      lab.runner.run(List.of("kill", Files.readString(pid).strip()));
      Files.deleteIfExists(pid); // dnsmasq removes it itself as it exits
    }
    lab.close();
  }

  private Engine guarded() {
    return lab.guarded(stateDir);
  }

  private static BondBridgeNodeSpec spec() {
    Bond bond =
        new Bond(
            "bond0",
            BondMode.ACTIVE_BACKUP,
            List.of(PortSelector.byName("eth0"), PortSelector.byName("eth1")),
            "eth0",
            BondOptions.none(),
            null);
    return SpecFile.resolve(
        "dual-stack",
        new BondBridgeSpec(
            null,
            bond,
            null,
            Bridge.named("br0"),
            Ipv4.inherit(),
            null,
            null,
            new Probes(30, true, false, null),
            null,
            null),
        "node-a");
  }

  private static Address slaac(HostState host, String device) {
    return host.addressesOn(device).stream().filter(Address::isSlaac).findFirst().orElse(null);
  }

  private static boolean raDefault(HostState host, String device) {
    return host.routesVia(device).stream().anyMatch(r -> r.isDefault() && r.isRaLearned());
  }

  private static List<String> ipv6On(HostState host, String device) {
    return host.addressesOn(device).stream()
        .filter(Address::isIpv6)
        .map(Address::cidr)
        .sorted()
        .toList();
  }

  /**
   * The snapshot's routes are IPv4's: IPv6's as the agent reads them (link-local ones left out).
   */
  private static List<String> ipv6Routes(HostState host) {
    return host.routes().stream()
        .filter(Route::isIpv6)
        .map(r -> r.destination() + " via=" + r.gateway() + " dev=" + r.device())
        .distinct()
        .sorted()
        .toList();
  }

  private void bothFamiliesAnswer(PeerPing v4, PeerPing v6, String nodeIp6) {
    lab.waitFor(
        SETTLE,
        () -> lab.peerReaches(KernelLab.NODE_IP) && lab.peerReaches(nodeIp6),
        "the peer to reach the node over IPv4 and IPv6");
    v4.awaitMoreReplies(3, SETTLE);
    v6.awaitMoreReplies(3, SETTLE);
  }

  @Test
  void inheritCablePullAndDeleteKeepTheNodeOnBothFamiliesAndDeleteGivesIpv6Back() {
    HostState start = lab.host();
    Address slaac = slaac(start, "eth0");
    assertThat(slaac.flags()).contains("stable-privacy");
    List<String> eth0Ipv6 = ipv6On(start, "eth0");
    assertThat(eth0Ipv6).containsExactlyInAnyOrder(slaac.cidr(), STATIC6);
    HostSnapshot before = HostSnapshot.read();
    List<String> routes6 = ipv6Routes(start);

    try (PeerPing v4 = lab.peerPings(KernelLab.NODE_IP);
        PeerPing v6 = lab.peerPings(slaac.ip())) {
      bothFamiliesAnswer(v4, v6, slaac.ip());
      int[] lost = {v4.lost(), v6.lost()};

      Engine.Outcome applied = guarded().apply(spec());
      assertThat(applied.ok()).as("%s", applied.failure()).isTrue();
      bothFamiliesAnswer(v4, v6, slaac.ip());
      lost = report("inherit", v4, v6, lost);
      // br0 learns the router's route itself; its SLAAC refreshes eth0's address (the token), it
      // makes no address of its own although eth0's came from stable privacy
      lab.waitFor(SETTLE, () -> raDefault(lab.host(), "br0"), "br0 to learn the default route");
      HostState bridged = lab.host();
      assertThat(ipv6On(bridged, "br0")).isEqualTo(eth0Ipv6);
      assertThat(ipv6On(bridged, "eth0")).isEmpty();
      assertThat(bridged.routesVia("br0"))
          .anyMatch(r -> r.destination().equals("2001:db8:99::/64"));
      List<String> groups = List.of(slaac.ip().split(":"));
      assertThat(lab.runner.output(List.of("ip", "token", "get", "dev", "br0")))
          .contains(
              "token ::" + String.join(":", groups.subList(groups.size() - 4, groups.size())));

      lab.pull("eth0");
      bothFamiliesAnswer(v4, v6, slaac.ip());
      lost = report("cable pull", v4, v6, lost);
      lab.plug("eth0");

      Engine.Outcome deleted = guarded().delete(spec());
      assertThat(deleted.ok()).as("%s", deleted.failure()).isTrue();
      bothFamiliesAnswer(v4, v6, slaac.ip());
      report("delete", v4, v6, lost);
    }
    HostState after = lab.host();
    assertThat(ipv6On(after, "eth0")).containsAll(eth0Ipv6);
    assertThat(after.routesVia("eth0")).anyMatch(r -> r.destination().equals("2001:db8:99::/64"));
    // eth0 and eth1 learn the router's routes again from its next advertisement. The wait is the
    // check: read again at once, a route dump under a starved VM once lacked both routers' default
    // routes (refreshed by each advertisement) although the same dump a moment before had them
    assertThat(routes6)
        .as("the router's default routes before")
        .anyMatch(r -> r.startsWith("default "));
    lab.waitFor(
        SETTLE,
        () -> HostSnapshot.read().equals(before) && ipv6Routes(lab.host()).equals(routes6),
        "the host as it was before inherit, its IPv6 routes " + routes6 + " included");
  }

  private static int[] report(String move, PeerPing v4, PeerPing v6, int[] lostBefore) {
    int[] now = {v4.lost(), v6.lost()};
    System.out.printf(
        "BENCH dual-stack.%s: pings lost IPv4 %d, IPv6 %d (every 50 ms)%n",
        move.replace(' ', '-'), now[0] - lostBefore[0], now[1] - lostBefore[1]);
    return now;
  }
}
