package io.bondbridge.agent.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.bondbridge.agent.dhcp.LeaseFiles;
import io.bondbridge.testkit.HostSnapshot;
import io.bondbridge.testkit.PeerPing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A seed user's move onto BondBridge without tearing down the uplink: the bond is brought up by
 * Debian's real ifupdown and ifenslave from seed 001's stanza (active-backup, eth0 and eth1, miimon
 * 100, 200 ms delays, the node address on the bond), as {@code bondbridge export} writes it from
 * the seed 001 example (so real ifupdown accepts and brings up what export writes), and imported
 * back. BondBridge refuses it and leaves it alone; {@code apply --adopt} marks it while the peer
 * pings every 10 ms (the pings lost are printed), changes nothing else (no port set down, no link
 * failure, the address and active port stay), and from then on it is BondBridge's: a second plan is
 * empty, and delete gives eth0 its address back (cleanup Restore).
 */
class AdoptKernelIT {
  private static final String NODE_MAC = "52:54:00:bb:00:00"; // the lab's eth0
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void aBondIfupdownMadeIsRefusedThenAdoptedWithoutAFlapAndThenOurs() throws Exception {
    try (KernelLab lab = KernelLab.withNics(2)) {
      Path dir = Files.createTempDirectory("ifupdown");
      // seed 001's example moved into the lab (node address 10.0.0.2), written as ifupdown
      // stanzas by export: the file real ifupdown brings up below
      Path example = Examples.seed001InTheLab();
      Cli.Run exported =
          Cli.exec(
              "export",
              new String[] {"-f", example.toString(), "--node", Examples.NODE},
              "--format",
              "interfaces");
      assertThat(exported.exit()).as("%s", exported).isZero();
      assertThat(exported.out())
          .contains("bond-slaves eth0 eth1", "bond-primary eth0", "bond-updelay 200");
      Path interfaces = Files.writeString(dir.resolve("interfaces"), exported.out());
      Path state = dir.resolve("bondbridge");
      // what the seed's admin did: the address off eth0, then ifup from the stanza
      lab.nodeAddressOff();
      List<String> ifup = ifupdown("ifup", interfaces, dir);
      var up = lab.runner.run(ifup);
      assertThat(up.ok()).as("ifup: %s %s", up.stdout(), up.stderr()).isTrue();
      // ifupdown announces nothing: the peer may still hold eth1's MAC for the node IP (ARP flux
      // while eth0 and eth1 were both up on the link); the seed's admin rebooted, which the
      // peer's cache did not see either, so it is flushed as after a while
      lab.ip("-n", "peer", "neigh", "flush", "dev", "p0");
      lab.waitFor(Duration.ofSeconds(20), lab::peerReachesNode, "the peer to reach bond0");
      assertThat(lab.sysfs("bond0", "slaves")).isEqualTo("eth0 eth1");
      assertThat(lab.sysfs("bond0", "miimon")).isEqualTo("100");
      lab.waitFor(
          Duration.ofSeconds(10), () -> "eth0".equals(lab.activePort("bond0")), "eth0 active");
      Cli.Run imported =
          Cli.exec(
              "import",
              new String[] {
                interfaces.toString(), "--node", Examples.NODE, "--name", "squeeze-bond"
              });
      assertThat(imported.exit()).as("%s", imported).isZero();
      assertThat(imported.err()).as("every line of the stanza is carried").isEmpty();
      assertThat(imported.out()).contains("adopt: true", "10.0.0.2/24", "miimon: 100");
      Path spec = Examples.write(imported.out());
      Path notAdopting = Examples.write(imported.out().replace("adopt: true", "adopt: false"));
      String[] where = {
        "-f", spec.toString(), "--node", Examples.NODE, "--state-dir", state.toString()
      };
      HostSnapshot before = lab.snapshot();
      String failures = failureCounts(lab);

      String refused =
          Cli.run(
              "apply",
              new String[] {"-f", notAdopting.toString(), "--node", Examples.NODE},
              "--state-dir",
              state.toString());
      assertThat(refused)
          .startsWith("3:")
          .contains("bond0 already exists and was not created by BondBridge", "--adopt");
      assertThat(lab.snapshot()).isEqualTo(before);

      // the file says adopt: false; --adopt says true for one command
      String plan =
          Cli.run(
              "plan",
              new String[] {"-f", notAdopting.toString(), "--node", Examples.NODE},
              "--state-dir",
              state.toString(),
              "--adopt");
      assertThat(plan)
          .startsWith("0:")
          .contains("1. ip link set dev bond0 alias bondbridge:squeeze-bond");
      assertThat(plan).doesNotContain("  2. ");

      PeerPing ping =
          lab.peerPings(KernelLab.NODE_IP, Duration.ofMillis(10), Duration.ofSeconds(12));
      String adopted = Cli.run("apply", where);
      ping.awaitEnd(Duration.ofSeconds(30));
      System.out.printf(
          "BENCH adopt.seed001: %d pings sent every 10 ms while adopting, %d lost%n",
          ping.sent(), ping.lost());
      assertThat(adopted).startsWith("0:").contains("applied: 1 steps");
      assertThat(lab.macOf("bond0")).isEqualTo(lab.macOf("eth0"));
      assertThat(failureCounts(lab)).as("no port went down").isEqualTo(failures);
      assertThat(lab.activePort("bond0")).isEqualTo("eth0");
      assertThat(lab.host().links().get("bond0").alias()).isEqualTo("bondbridge:squeeze-bond");
      assertThat(Cli.run("plan", where)).startsWith("0:").contains("nothing to do");

      // static: the address goes with the bond (it was never seen on a port), the node would be
      // cut off, so the guard rolls the delete back
      String kept = Cli.run("delete", where);
      assertThat(kept).startsWith("4:").contains("rolled back");
      assertThat(lab.host().links().get("bond0").alias()).isEqualTo("bondbridge:squeeze-bond");
      lab.waitFor(Duration.ofSeconds(20), lab::peerReachesNode, "the peer to reach bond0 still");

      // inherit: delete moves the address to the primary port
      ObjectNode document = (ObjectNode) YAML.readTree(imported.out());
      ((ObjectNode) document.path("spec")).putObject("ipv4").put("mode", "inherit");
      Path inherit = Examples.write(YAML.writeValueAsString(document));
      String deleted =
          Cli.run(
              "delete",
              new String[] {"-f", inherit.toString(), "--node", Examples.NODE},
              "--state-dir",
              state.toString());
      assertThat(deleted).startsWith("0:");
      assertThat(lab.host().links()).doesNotContainKey("bond0");
      assertThat(lab.host().addressesOn("eth0"))
          .extracting(a -> a.cidr())
          .contains(KernelLab.NODE_CIDR);
      lab.waitFor(Duration.ofSeconds(20), lab::peerReachesNode, "the peer to reach eth0 again");
    }
  }

  /**
   * Seed 000's stanzas as the blog has them (four ports in active-backup, {@code bond-master} on
   * each, br0 with {@code bridge_ports bond0} and the node address), in the lab's addresses and
   * brought up by Debian's ifupdown, ifenslave and bridge-utils: imported, refused and untouched
   * without adopt, and adopted with the two marks alone while the peer pings every 10 ms.
   */
  @Test
  void seed000sFourPortBondUnderABridgeIfupdownMadeIsAdoptedWithoutAFlap() throws Exception {
    try (KernelLab lab = KernelLab.withNics(4)) {
      Path dir = Files.createTempDirectory("ifupdown");
      String stanzas =
          Files.readString(
                  Path.of(getClass().getResource("/fixtures/import/seed-000-interfaces").toURI()))
              .replace("192.168.1.100", KernelLab.NODE_IP)
              .replace("192.168.1.", "10.0.0.")
              // the lab has no resolver to hand a name server to (ipv4.dns is DnsKernelIT's)
              .replace("    dns-nameservers 10.0.0.10\n", "");
      Path interfaces = Files.writeString(dir.resolve("interfaces"), stanzas);
      lab.nodeAddressOff();
      // ifenslave's hook looks the master up with a plain `ifquery -l bond0`, in
      // /etc/network/interfaces: the stanzas are bound over it (and ifupdown's state over
      // /run/network) in a mount namespace of ifup's own, so no file of the host changes
      Path run = Files.createDirectories(dir.resolve("run"));
      var up =
          lab.runner.run(
              List.of(
                  "unshare",
                  "-m",
                  "sh",
                  "-c",
                  "mount --bind \"$1\" /etc/network/interfaces && mkdir -p /run/network"
                      + " && mount --bind \"$2\" /run/network && ifup -a",
                  "sh",
                  interfaces.toString(),
                  run.toString()));
      assertThat(up.ok()).as("ifup: %s %s", up.stdout(), up.stderr()).isTrue();
      lab.ip("-n", "peer", "neigh", "flush", "dev", "p0"); // as in seed 001's test above
      lab.waitFor(Duration.ofSeconds(30), lab::peerReachesNode, "the peer to reach br0");
      assertThat(lab.sysfs("bond0", "slaves")).isEqualTo("eth0 eth1 eth2 eth3");
      assertThat(lab.host().link("bond0").map(l -> l.master())).contains("br0");
      assertThat(lab.host().addressesOn("br0"))
          .extracting(a -> a.cidr())
          .containsExactly(KernelLab.NODE_CIDR);

      Cli.Run imported =
          Cli.exec(
              "import",
              new String[] {interfaces.toString(), "--node", Examples.NODE, "--name", "seed-000"});
      assertThat(imported.exit()).as("%s", imported).isZero();
      assertThat(imported.out()).contains("adopt: true", "name: br0", KernelLab.NODE_CIDR);
      Path spec = Examples.write(imported.out());
      Path notAdopting = Examples.write(imported.out().replace("adopt: true", "adopt: false"));
      Path state = dir.resolve("bondbridge");
      HostSnapshot before = lab.snapshot();
      String failures = failureCounts(lab, 4);

      String refused =
          Cli.run(
              "apply",
              new String[] {"-f", notAdopting.toString(), "--node", Examples.NODE},
              "--state-dir",
              state.toString());
      assertThat(refused).startsWith("3:").contains("was not created by BondBridge", "--adopt");
      assertThat(lab.snapshot()).isEqualTo(before);

      String[] where = {
        "-f", spec.toString(), "--node", Examples.NODE, "--state-dir", state.toString()
      };
      String plan = Cli.run("plan", where);
      assertThat(plan)
          .startsWith("0:")
          .contains(
              "1. ip link set dev bond0 alias bondbridge:seed-000",
              "2. ip link set dev br0 alias bondbridge:seed-000");
      assertThat(plan).doesNotContain("  3. ");

      PeerPing ping =
          lab.peerPings(KernelLab.NODE_IP, Duration.ofMillis(10), Duration.ofSeconds(12));
      String adopted = Cli.run("apply", where);
      ping.awaitEnd(Duration.ofSeconds(30));
      System.out.printf(
          "BENCH adopt.seed000: %d pings sent every 10 ms while adopting, %d lost%n",
          ping.sent(), ping.lost());
      assertThat(adopted).startsWith("0:").contains("applied: 2 steps");
      assertThat(failureCounts(lab, 4)).as("no port went down").isEqualTo(failures);
      assertThat(lab.activePort("bond0")).isEqualTo("eth0");
      assertThat(lab.host().addressesOn("br0"))
          .extracting(a -> a.cidr())
          .containsExactly(KernelLab.NODE_CIDR);
      assertThat(Cli.run("plan", where)).startsWith("0:").contains("nothing to do");
      assertThat(lab.peerReachesNode()).isTrue();
    }
  }

  /**
   * Seed 001's bond with {@code inet dhcp}, brought up by ifupdown, whose dhclient then keeps
   * bond0's lease. Adopting it (with {@code ipv4.mode: dhcp}, as import writes it) pauses that
   * client before the agent's own takes the lease over, so that the two do not renew one address in
   * turn; the address and the default route stay, the peer pinging throughout; delete lets
   * ifupdown's client go on.
   */
  @Test
  void aBondIfupdownKeepsByDhcpIsAdoptedWithItsDhclientPausedUntilDelete() throws Exception {
    try (KernelLab lab = KernelLab.withNics(2);
        DhcpServer server = DhcpServer.start(NODE_MAC, KernelLab.NODE_IP)) {
      Path dir = Files.createTempDirectory("ifupdown");
      Path interfaces =
          Files.writeString(
              dir.resolve("interfaces"),
              """
              auto bond0
              iface bond0 inet dhcp
                  bond-slaves eth0 eth1
                  bond-mode active-backup
                  bond-miimon 100
                  bond-primary eth0
              """);
      Path state = dir.resolve("bondbridge");
      lab.nodeAddressOff();
      long ifupdownClient = 0;
      try {
        var up = lab.runner.run(ifupdown("ifup", interfaces, dir));
        assertThat(up.ok()).as("ifup: %s %s\n%s", up.stdout(), up.stderr(), server.log()).isTrue();
        // the daemon writes its pid file after it forked: ifup may be back first
        Path pidFile = Path.of("/run/dhclient.bond0.pid");
        lab.waitFor(
            Duration.ofSeconds(10), () -> DhcpKernelIT.pidIn(pidFile) > 0, "ifupdown's pid file");
        ifupdownClient = DhcpKernelIT.pidIn(pidFile);
        lab.ip("-n", "peer", "neigh", "flush", "dev", "p0");
        lab.waitFor(Duration.ofSeconds(30), lab::peerReachesNode, "the peer to reach bond0");
        assertThat(lab.host().addressesOn("bond0")).anyMatch(a -> a.isLease());

        Cli.Run imported =
            Cli.exec(
                "import",
                new String[] {
                  interfaces.toString(), "--node", Examples.NODE, "--name", "dhcp-bond"
                });
        assertThat(imported.exit()).as("%s", imported).isZero();
        assertThat(imported.out()).contains("adopt: true", "mode: dhcp");
        Path spec = Examples.write(imported.out());
        String[] where = {
          "-f", spec.toString(), "--node", Examples.NODE, "--state-dir", state.toString()
        };
        assertThat(Cli.run("plan", where))
            .startsWith("0:")
            .contains(
                "ip link set dev bond0 alias bondbridge:dhcp-bond",
                "kill -STOP " + ifupdownClient,
                "dhclient -4 -d -e BONDBRIDGE_ROUTER=yes bond0");

        PeerPing ping =
            lab.peerPings(KernelLab.NODE_IP, Duration.ofMillis(10), Duration.ofSeconds(10));
        String adopted = Cli.run("apply", where);
        ping.awaitEnd(Duration.ofSeconds(30));
        System.out.printf(
            "BENCH adopt.ifupdown-dhcp: %d pings sent every 10 ms while adopting, %d lost%n",
            ping.sent(), ping.lost());
        assertThat(adopted).startsWith("0:").contains("applied: 3 steps");
        assertThat(processState(ifupdownClient)).as("ifupdown's dhclient").isEqualTo("T");
        LeaseFiles ours = LeaseFiles.under(state);
        lab.waitFor(
            Duration.ofSeconds(60),
            () -> Files.exists(ours.summary("bond0")),
            "the agent's client to have bond0's lease");
        assertThat(lab.host().addressesOn("bond0"))
            .extracting(a -> a.cidr())
            .containsExactly(KernelLab.NODE_CIDR);
        assertThat(Cli.run("plan", where)).startsWith("0:").contains("nothing to do");
        lab.waitFor(Duration.ofSeconds(20), lab::peerReachesNode, "the peer to reach bond0 still");

        ObjectNode document = (ObjectNode) YAML.readTree(imported.out());
        ((ObjectNode) document.path("spec")).putObject("ipv4").put("mode", "inherit");
        Path inherit = Examples.write(YAML.writeValueAsString(document));
        String deleted =
            Cli.run(
                "delete",
                new String[] {"-f", inherit.toString(), "--node", Examples.NODE},
                "--state-dir",
                state.toString());
        assertThat(deleted).startsWith("0:").contains("kill -CONT " + ifupdownClient);
        assertThat(processState(ifupdownClient)).as("ifupdown's dhclient").isNotEqualTo("T");
      } finally {
        if (ifupdownClient > 0) {
          ProcessHandle.of(ifupdownClient).ifPresent(ProcessHandle::destroyForcibly);
        }
      }
    }
  }

  /** The state letter of a process (/proc/PID/stat: T when stopped), or "gone". */
  private static String processState(long pid) throws java.io.IOException {
    Path stat = Path.of("/proc", String.valueOf(pid), "stat");
    if (!Files.exists(stat)) {
      return "gone";
    }
    String line = Files.readString(stat);
    return line.substring(line.lastIndexOf(')') + 2, line.lastIndexOf(')') + 3);
  }

  /**
   * Seed 001's ifenslave session, done with ip (no file describes the result): an active-backup
   * bond under a bridge with the node address, and a VLAN with its own. {@code import --live} reads
   * it back from the kernel, and applying that with adopt marks the three devices and nothing else.
   */
  @Test
  void aBondMadeByHandIsImportedLiveAndAdoptedAsItIs() throws Exception {
    try (KernelLab lab = KernelLab.withNics(2)) {
      Path state = Files.createTempDirectory("live").resolve("bondbridge");
      lab.nodeAddressOff();
      lab.ip("link", "add", "bond0", "type", "bond", "mode", "active-backup", "miimon", "100");
      lab.ip("link", "set", "bond0", "type", "bond", "updelay", "200", "downdelay", "200");
      for (String port : List.of("eth0", "eth1")) {
        lab.ip("link", "set", port, "down");
        lab.ip("link", "set", port, "master", "bond0");
      }
      lab.ip("link", "set", "bond0", "type", "bond", "primary", "eth0");
      lab.ip("link", "add", "br0", "type", "bridge", "stp_state", "0", "forward_delay", "0");
      lab.ip("link", "set", "bond0", "master", "br0");
      for (String dev : List.of("eth0", "eth1", "bond0", "br0")) {
        lab.ip("link", "set", dev, "up");
      }
      lab.ip("addr", "add", KernelLab.NODE_CIDR, "dev", "br0");
      lab.ip("route", "add", "default", "via", KernelLab.GATEWAY, "dev", "br0");
      lab.ip("link", "add", "link", "bond0", "name", "bond0.20", "type", "vlan", "id", "20");
      lab.ip("link", "set", "bond0.20", "up");
      lab.ip("addr", "add", "10.20.0.2/24", "dev", "bond0.20");
      lab.ip("-n", "peer", "neigh", "flush", "dev", "p0");
      lab.waitFor(Duration.ofSeconds(20), lab::peerReachesNode, "the peer to reach br0");
      lab.waitFor(
          Duration.ofSeconds(10), () -> "eth0".equals(lab.activePort("bond0")), "eth0 active");

      Cli.Run imported =
          Cli.exec("import", new String[] {"--live", "--node", Examples.NODE}, "--name", "by-hand");
      assertThat(imported.exit()).as("%s", imported).isZero();
      System.out.println("import --live:\n" + imported.out() + imported.err());
      assertThat(imported.out())
          .contains(
              "mode: active-backup",
              "primary: eth0",
              "miimon: 100",
              "updelay: 200",
              "name: br0",
              "id: 20",
              KernelLab.NODE_CIDR,
              "10.20.0.2/24",
              "gateway: " + KernelLab.GATEWAY,
              "adopt: true");
      Path spec = Examples.write(imported.out());
      String[] where = {
        "-f", spec.toString(), "--node", Examples.NODE, "--state-dir", state.toString()
      };
      String plan = Cli.run("plan", where);
      assertThat(plan).startsWith("0:");
      assertThat(plan.lines().filter(l -> l.matches(".*\\d+\\. \\S.*")).toList())
          .as("only the marks: %s", plan)
          .hasSize(3)
          .allMatch(l -> l.contains(" alias bondbridge:by-hand"));

      HostSnapshot before = lab.snapshot();
      String failures = failureCounts(lab);
      PeerPing ping =
          lab.peerPings(KernelLab.NODE_IP, Duration.ofMillis(10), Duration.ofSeconds(8));
      String adopted = Cli.run("apply", where);
      ping.awaitEnd(Duration.ofSeconds(30));
      System.out.printf(
          "BENCH adopt.live: %d pings sent every 10 ms while adopting, %d lost%n",
          ping.sent(), ping.lost());
      assertThat(adopted).startsWith("0:").contains("applied: 3 steps");
      assertThat(failureCounts(lab)).as("no port went down").isEqualTo(failures);
      assertThat(lab.activePort("bond0")).isEqualTo("eth0");
      assertThat(lab.host().addressesOn("br0"))
          .extracting(a -> a.cidr())
          .contains(KernelLab.NODE_CIDR);
      assertThat(Cli.run("plan", where)).startsWith("0:").contains("nothing to do");
      HostSnapshot after = lab.snapshot();
      assertThat(after.addresses()).as("no address moved").isEqualTo(before.addresses());
      assertThat(after.routes()).as("no route moved").isEqualTo(before.routes());
    }
  }

  /** ifup/ifdown on {@code interfaces} alone, its state under {@code dir}: the host's untouched. */
  private static List<String> ifupdown(String verb, Path interfaces, Path dir) {
    return List.of(verb, "-i", interfaces.toString(), "--state-dir", dir.toString(), "bond0");
  }

  /** eth0's and eth1's link failure counts as the bond reports them. */
  private static String failureCounts(KernelLab lab) {
    return failureCounts(lab, 2);
  }

  /** The first {@code ports} ports' link failure counts as the bond reports them. */
  private static String failureCounts(KernelLab lab, int ports) {
    List<String> counts = new java.util.ArrayList<>();
    for (int i = 0; i < ports; i++) {
      counts.add(lab.portSysfs("eth" + i, "link_failure_count"));
    }
    return String.join(",", counts);
  }
}
