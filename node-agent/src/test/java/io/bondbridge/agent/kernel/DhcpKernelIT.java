package io.bondbridge.agent.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.Engine;
import io.bondbridge.agent.apply.Applier;
import io.bondbridge.agent.apply.KernelModules;
import io.bondbridge.agent.cli.SpecFile;
import io.bondbridge.agent.dhcp.DhcpRunner;
import io.bondbridge.agent.dhcp.LeaseFiles;
import io.bondbridge.agent.host.Address;
import io.bondbridge.agent.host.HostDhcpClient;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Lease;
import io.bondbridge.agent.observe.HostObserver;
import io.bondbridge.agent.safety.ChangeGuard;
import io.bondbridge.agent.safety.ProbeRunner;
import io.bondbridge.agent.safety.StateDir;
import io.bondbridge.api.v1alpha1.Bond;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.BondBridgeSpec;
import io.bondbridge.api.v1alpha1.BondMode;
import io.bondbridge.api.v1alpha1.BondOptions;
import io.bondbridge.api.v1alpha1.Bridge;
import io.bondbridge.api.v1alpha1.Ipv4;
import io.bondbridge.api.v1alpha1.Ipv4Mode;
import io.bondbridge.api.v1alpha1.Ipv6;
import io.bondbridge.api.v1alpha1.Ipv6Mode;
import io.bondbridge.api.v1alpha1.PortSelector;
import io.bondbridge.api.v1alpha1.Probes;
import io.bondbridge.api.v1alpha1.Vlan;
import io.bondbridge.testkit.HostSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A DHCP node on a real kernel, in one test because dnsmasq's shortest lease is 2 minutes: the
 * node's address comes from the host's own dhclient on eth0 (as ifupdown starts it); {@code
 * inherit} moves it to br0, where the agent's dhclient keeps it past the lease time, while the
 * host's client is paused and puts nothing back on the enslaved port; VLAN 20 gets a lease of its
 * own ({@code ipv4.mode: dhcp}); br0 gets a DHCPv6 address ({@code ipv6.mode: auto}) and keeps it
 * past its lease time too; on delete the port has its address back and its own client renews it.
 * Pings lost over each move are printed, not asserted.
 */
class DhcpKernelIT {
  private static final String NODE_MAC = "52:54:00:bb:00:00"; // the lab's eth0

  @Test
  void aLeaseMovesToTheBridgeIsKeptPastItsTimeAndGoesBackToThePort() throws Exception {
    try (KernelLab lab = KernelLab.withNics(2)) {
      Path state = Files.createTempDirectory("bondbridge-state");
      Path hostFiles = Files.createTempDirectory("host-dhclient");
      lab.nodeAddressOff();
      try (DhcpServer server = DhcpServer.start(NODE_MAC, KernelLab.NODE_IP)) {
        // the host's own client, as ifupdown runs it (Debian's dhclient-script sets the address)
        var started =
            lab.runner.run(
                List.of(
                    "dhclient",
                    "-4",
                    "-v",
                    "-pf",
                    hostFiles.resolve("eth0.pid").toString(),
                    "-lf",
                    hostFiles.resolve("eth0.leases").toString(),
                    "eth0"));
        assertThat(started.ok()).as("%s\n%s", started.stderr(), server.log()).isTrue();
        lab.waitFor(Duration.ofSeconds(30), lab::peerReachesNode, "the node's lease on eth0");

        DhcpRunner runner = DhcpRunner.around(lab.runner, state, true);
        HostObserver observer = new HostObserver(runner);
        Engine engine = guarded(runner, observer, state);
        BondBridgeNodeSpec spec = spec();

        Pings move = Pings.start(15);
        Engine.Outcome applied = engine.apply(spec);
        System.out.printf("BENCH dhcp.inherit-lease: %s%n", move.await());
        assertThat(applied.ok()).as("%s", applied.failure()).isTrue();

        HostState host = observer.observe();
        assertThat(cidrs(host, "br0"))
            .filteredOn(c -> !c.contains(":"))
            .containsExactly(KernelLab.NODE_CIDR);
        assertThat(host.addressesOn("eth0")).isEmpty();
        assertThat(host.dhcp().clients()).contains("br0", "bond0.20");
        assertThat(host.dhcp().clients6()).containsExactly("br0");
        lab.waitFor(
            Duration.ofSeconds(60),
            () -> observer.observe().dhcp().leases6().containsKey("br0"),
            "a DHCPv6 lease on br0");
        Lease lease6 = observer.observe().dhcp().leases6().get("br0");
        String address6 = lease6.address();
        assertThat(address6).startsWith(DhcpServer.PREFIX6).endsWith("/128");
        assertThat(host.dhcp().hostClientsOn("eth0")).isNotEmpty().allMatch(HostDhcpClient::paused);
        lab.waitFor(
            Duration.ofSeconds(60),
            () ->
                cidrs(observer.observe(), "bond0.20").stream()
                    .anyMatch(c -> c.startsWith("10.20.0.")),
            "a lease on VLAN 20");

        // past the lease time: renewed on br0 (T1 at 60 s), nothing back on eth0
        Pings held = Pings.start(DhcpServer.LEASE_SECONDS + 15);
        String during = held.await();
        System.out.printf("BENCH dhcp.lease-time-passed: %s%n", during);
        host = observer.observe();
        assertThat(host.addressesOn("br0"))
            .filteredOn(a -> !a.isIpv6())
            .extracting(Address::cidr, Address::dynamic)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(KernelLab.NODE_CIDR, true));
        assertThat(host.addressesOn("eth0")).isEmpty();
        assertThat(cidrs(host, "bond0.20"))
            .as("VLAN 20's lease; the servers said:%n%s", server.log())
            .anyMatch(c -> c.startsWith("10.20.0."));
        assertThat(host.routesVia("bond0.20")).noneMatch(r -> r.isDefault());
        // one ping of one second is too short a look under emulation on a busy machine
        lab.waitFor(Duration.ofSeconds(10), lab::peerReachesNode, "the node answering on br0");
        Lease lease = host.dhcp().leases().get("br0");
        assertThat(lease.address()).isEqualTo(KernelLab.NODE_CIDR);
        assertThat(lease.server()).isEqualTo(KernelLab.GATEWAY);
        assertThat(lease.expiry()).isAfter(Instant.now());
        // the DHCPv6 address too: renewed on br0 (the same one, with a fresh lifetime)
        assertThat(host.addressesOn("br0").stream().filter(Address::isIpv6))
            .extracting(Address::cidr)
            .contains(address6);
        assertThat(host.addressesOn("eth0")).noneMatch(Address::isIpv6);
        lease6 = host.dhcp().leases6().get("br0");
        assertThat(lease6.address()).isEqualTo(address6);
        assertThat(lease6.expiry()).isAfter(Instant.now());
        assertThat(lease6.server()).isNotBlank();
        assertThat(server.leases()).contains(" " + address6.replace("/128", "") + " ");
        assertThat(engine.plan(spec).steps()).as("a second plan").isEmpty();

        Pings back = Pings.start(15);
        Engine.Outcome deleted = engine.delete(spec);
        System.out.printf("BENCH dhcp.delete-lease-back: %s%n", back.await());
        assertThat(deleted.ok()).as("%s", deleted.failure()).isTrue();
        host = observer.observe();
        assertThat(cidrs(host, "eth0")).containsExactly(KernelLab.NODE_CIDR);
        assertThat(host.dhcp().hostClientsOn("eth0")).noneMatch(HostDhcpClient::paused);
        assertThat(host.dhcp().clients()).isEmpty();
        assertThat(host.dhcp().clients6()).isEmpty();
        assertThat(host.links()).doesNotContainKey("br0");
        // the host's client goes on with its overdue renewal: the port's lease is its own again
        lab.waitFor(
            Duration.ofSeconds(60),
            () -> observer.observe().addressesOn("eth0").stream().anyMatch(Address::dynamic),
            "the host's dhclient to renew eth0's lease");
      } finally {
        lab.runner.run(
            List.of("dhclient", "-x", "-pf", hostFiles.resolve("eth0.pid").toString(), "eth0"));
      }
    }
  }

  /**
   * The one-host CLI with a DHCPv6 lease, across its runs: each command is a new process, so the
   * client the apply started is an earlier run's to the next command, which must count it (the plan
   * again is empty, nothing restarts it) and stop it on delete (none is left running).
   */
  @Test
  void theCliFindsTheClientOfItsLastRunAndDeleteStopsIt() throws Exception {
    try (KernelLab lab = KernelLab.withNics(2);
        DhcpServer server = DhcpServer.start(NODE_MAC, KernelLab.NODE_IP)) {
      Path state = Files.createTempDirectory("bondbridge-cli-state");
      Path file =
          Examples.write(
              """
              apiVersion: bondbridge.io/v1alpha1
              kind: BondBridge
              metadata: {name: auto6}
              spec:
                bond: {name: bond0, mode: active-backup, ports: [{name: eth0}, {name: eth1}]}
                bridge: {name: br0}
                ipv6: {mode: auto}
              """);
      HostSnapshot before = lab.snapshot();
      String[] where = {
        "-f", file.toString(), "--node", Examples.NODE, "--state-dir", state.toString()
      };
      assertThat(Cli.run("apply", where)).startsWith("0:");
      LeaseFiles files = LeaseFiles.under(state).forIpv6();
      // dhclient writes its pid file again, truncated first, once it has bound: read it whole
      lab.waitFor(
          Duration.ofSeconds(60),
          () -> Files.exists(files.summary("br0")) && pidIn(files.pid("br0")) > 0,
          "a DHCPv6 lease on br0");
      long pid = pidIn(files.pid("br0"));

      assertThat(Cli.run("plan", where)).startsWith("0:").contains("nothing to do");
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);

      assertThat(Cli.run("delete", where)).startsWith("0:");
      lab.waitFor(
          Duration.ofSeconds(10),
          () -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
          "the CLI's DHCPv6 client to be stopped by delete");
      assertThat(lab.snapshot()).isEqualTo(before);
      assertThat(server.leases()).contains(DhcpServer.PREFIX6);
    }
  }

  /**
   * ipv4.mode dhcp on br0; br0 deleted by hand and made again, which gets a new client and the
   * lease back; then static with the lease's address (an admin pinning the node's address): the
   * agent's client on br0 is stopped, so it renews neither the address nor its default route again,
   * and the address stays, made permanent by the kernel's word (no lifetime), with the spec's
   * gateway. The plan after is empty, and delete leaves the host as it was.
   */
  @Test
  void aDhcpBridgeMadeAgainGetsANewClientAndStaticWithTheLeasesAddressStopsIt() throws Exception {
    try (KernelLab lab = KernelLab.withNics(2);
        DhcpServer server = DhcpServer.start(NODE_MAC, KernelLab.NODE_IP)) {
      lab.nodeAddressOff();
      HostSnapshot before = lab.snapshot();
      Path state = Files.createTempDirectory("bondbridge-state");
      DhcpRunner runner = DhcpRunner.around(lab.runner, state, false);
      HostObserver observer = new HostObserver(runner);
      Engine engine = guarded(runner, observer, state);

      Engine.Outcome leased = engine.apply(topOnly(Ipv4.dhcp()));
      assertThat(leased.ok()).as("%s", leased.failure()).isTrue();
      lab.waitFor(
          Duration.ofSeconds(60),
          () -> observer.observe().addressesOn("br0").stream().anyMatch(Address::isLease),
          "the lease on br0");
      LeaseFiles files = LeaseFiles.under(state);
      lab.waitFor(Duration.ofSeconds(10), () -> pidIn(files.pid("br0")) > 0, "the pid file");
      long first = pidIn(files.pid("br0"));

      // br0 deleted by hand and made again by the next apply (as the drift correction does): the
      // client of the old br0 is stopped, and one on the new br0 gets the lease again
      lab.ip("link", "del", "br0");
      Engine.Outcome remade = engine.apply(topOnly(Ipv4.dhcp()));
      assertThat(remade.ok()).as("%s", remade.failure()).isTrue();
      assertThat(ProcessHandle.of(first).map(ProcessHandle::isAlive).orElse(false))
          .as("the client of the deleted br0")
          .isFalse();
      lab.waitFor(
          Duration.ofSeconds(60),
          () -> observer.observe().addressesOn("br0").stream().anyMatch(Address::isLease),
          "the lease on the new br0");
      lab.waitFor(Duration.ofSeconds(10), () -> pidIn(files.pid("br0")) > 0, "the pid file");
      long pid = pidIn(files.pid("br0"));
      assertThat(pid).isNotEqualTo(first);

      Ipv4 leasedAddress =
          new Ipv4(
              Ipv4Mode.STATIC,
              java.util.Map.of("node-a", KernelLab.NODE_CIDR),
              null,
              KernelLab.GATEWAY,
              null,
              null);
      BondBridgeNodeSpec pinned = topOnly(leasedAddress);
      Engine.Outcome applied = engine.apply(pinned);
      assertThat(applied.ok()).as("%s", applied.failure()).isTrue();
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
          .as("the agent's dhclient on br0")
          .isFalse();
      HostState host = observer.observe();
      assertThat(host.dhcp().clients()).isEmpty();
      assertThat(host.addressesOn("br0"))
          .filteredOn(a -> !a.isIpv6())
          .extracting(Address::cidr, Address::dynamic)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(KernelLab.NODE_CIDR, false));
      assertThat(host.routesVia("br0"))
          .filteredOn(r -> r.isDefault() && !r.isIpv6())
          .extracting(r -> r.gateway())
          .containsExactly(KernelLab.GATEWAY);
      lab.waitFor(Duration.ofSeconds(10), lab::peerReachesNode, "the node answering on br0");
      assertThat(engine.plan(pinned).steps()).as("a second plan").isEmpty();

      // eth0 had no address before: the delete takes the node's gateway away, which the gateway
      // probe would roll back (rightly); this delete goes without it
      Engine.Outcome deleted = engine.delete(topOnly(leasedAddress, false));
      assertThat(deleted.ok()).as("%s", deleted.failure()).isTrue();
      assertThat(lab.snapshot()).isEqualTo(before);
    }
  }

  /** The pid in a pid file, or 0 while it is missing or being written. */
  static long pidIn(Path pidFile) {
    try {
      return Long.parseLong(Files.readString(pidFile).strip());
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }

  /** bond0 of eth0 and eth1 under br0, and nothing else: the top interface's IPv4 as given. */
  private static BondBridgeNodeSpec topOnly(Ipv4 ipv4) {
    return topOnly(ipv4, true);
  }

  private static BondBridgeNodeSpec topOnly(Ipv4 ipv4, boolean gatewayProbe) {
    Bond bond =
        new Bond(
            "bond0",
            BondMode.ACTIVE_BACKUP,
            List.of(PortSelector.byName("eth0"), PortSelector.byName("eth1")),
            "eth0",
            BondOptions.none(),
            null);
    BondBridgeSpec spec =
        new BondBridgeSpec(
            null,
            bond,
            null,
            Bridge.named("br0"),
            ipv4,
            null,
            null,
            new Probes(30, gatewayProbe, false, null),
            null,
            null);
    return SpecFile.resolve("pinned", spec, "node-a");
  }

  private static Engine guarded(DhcpRunner runner, HostObserver observer, Path state) {
    ChangeGuard guard =
        new ChangeGuard(
            new Applier(runner),
            new StateDir(state),
            new ProbeRunner(runner, observer::observe),
            Clock.systemUTC());
    return new Engine(observer, new Applier(runner), new KernelModules(runner))
        .guarded(guard, null, new Applier.Listener() {});
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
    BondBridgeSpec spec =
        new BondBridgeSpec(
            null,
            bond,
            List.of(new Vlan(DhcpServer.VLAN, null, null, null, Ipv4.dhcp(), null)),
            Bridge.named("br0"),
            Ipv4.inherit(),
            new Ipv6(Ipv6Mode.AUTO, null, null, null, null),
            null,
            new Probes(30, true, false, null),
            null,
            null);
    return SpecFile.resolve("dhcp", spec, "node-a");
  }

  private static List<String> cidrs(HostState host, String device) {
    return host.addressesOn(device).stream().map(Address::cidr).toList();
  }

  /** The peer pinging the node IP every 50 ms for a while; ping's own count at the end. */
  private record Pings(Process process) {
    private static final Pattern SUMMARY =
        Pattern.compile("(\\d+) packets transmitted, (\\d+) received");

    static Pings start(int seconds) throws IOException {
      return new Pings(
          new ProcessBuilder(
                  "ip",
                  "netns",
                  "exec",
                  "peer",
                  "ping",
                  "-n",
                  "-q",
                  "-i",
                  "0.05",
                  "-w",
                  String.valueOf(seconds),
                  KernelLab.NODE_IP)
              .redirectErrorStream(true)
              .start());
    }

    String await() throws IOException, InterruptedException {
      String out = new String(process.getInputStream().readAllBytes());
      process.waitFor();
      Matcher m = SUMMARY.matcher(out);
      if (!m.find()) {
        return "no ping summary: " + out.strip();
      }
      int sent = Integer.parseInt(m.group(1));
      int received = Integer.parseInt(m.group(2));
      return sent + " pings sent every 50 ms, " + (sent - received) + " lost";
    }
  }
}
