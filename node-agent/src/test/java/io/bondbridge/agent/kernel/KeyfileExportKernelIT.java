package io.bondbridge.agent.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code bondbridge export --format keyfile} for an admin who wants NetworkManager to own the
 * uplink: the real NetworkManager (Debian's 1.42, with udevd and a system bus in the VM) loads seed
 * 001's export on a fresh boot and brings the bond up from it as BondBridge would make it: once
 * NetworkManager is stopped, a plan with adopt is the mark and nothing else. Debian 12's
 * NetworkManager has no {@code nmcli --offline}, so this is how the keyfiles meet the real tool.
 */
class KeyfileExportKernelIT {

  @Test
  void networkManagerBringsUpWhatExportWroteAsBondBridgeWouldMakeIt() throws Exception {
    try (KernelLab lab = KernelLab.withNics(2)) {
      Path example = Examples.seed001InTheLab();
      Path dir = Files.createTempDirectory("keyfile");
      Path profiles = Files.createDirectory(dir.resolve("system-connections"));
      Cli.Run exported =
          Cli.exec(
              "export",
              new String[] {"-f", example.toString(), "--node", Examples.NODE},
              "--format",
              "keyfile",
              "--out",
              profiles.toString());
      assertThat(exported.exit()).as("%s", exported).isZero();
      // a fresh boot: the node address is the profiles' to put on
      lab.ip("route", "del", "default");
      lab.ip("addr", "del", KernelLab.NODE_CIDR, "dev", "eth0");

      try (NetworkManagerLab nm = NetworkManagerLab.runningWith(profiles)) {
        System.out.printf(
            "NetworkManager's profiles:%n%s",
            nm.nmcli("-f", "NAME,TYPE,DEVICE", "connection", "show"));
        lab.waitFor(
            Duration.ofSeconds(90),
            () ->
                lab.host().addressesOn("bond0").stream()
                    .anyMatch(a -> a.cidr().equals(KernelLab.NODE_CIDR)),
            "NetworkManager to put the node address on bond0");
        lab.ip("-n", "peer", "neigh", "flush", "dev", "p0");
        lab.waitFor(Duration.ofSeconds(30), lab::peerReachesNode, "the peer to reach bond0");
        // NetworkManager enslaves the ports as they come, in no set order
        assertThat(lab.sysfs("bond0", "slaves").split(" "))
            .containsExactlyInAnyOrder("eth0", "eth1");
        assertThat(lab.sysfs("bond0", "mode")).startsWith("active-backup");
        assertThat(lab.sysfs("bond0", "miimon")).isEqualTo("100");
        assertThat(lab.sysfs("bond0", "updelay")).isEqualTo("200");
        assertThat(lab.sysfs("bond0", "downdelay")).isEqualTo("200");
        assertThat(lab.sysfs("bond0", "primary")).isEqualTo("eth0");
        assertThat(lab.host().routesVia("bond0"))
            .anyMatch(r -> r.isDefault() && KernelLab.GATEWAY.equals(r.gateway()));
        nm.stop();
      }

      String plan =
          Cli.run(
              "plan",
              new String[] {"-f", example.toString(), "--node", Examples.NODE},
              "--adopt",
              "--state-dir",
              dir.resolve("bondbridge").toString());
      assertThat(plan).startsWith("0:");
      List<String> steps = plan.lines().filter(l -> l.matches(".*\\d+\\. \\S.*")).toList();
      assertThat(steps)
          .as("the mark alone")
          .singleElement()
          .asString()
          .endsWith("1. ip link set dev bond0 alias bondbridge:squeeze-bond");
    }
  }
}
