package io.bondbridge.agent.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
      Exports.export(example, "keyfile", profiles);
      // a fresh boot: the node address is the profiles' to put on
      lab.nodeAddressOff();

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
        Exports.assertSeed001Bond(lab);
        nm.stop();
      }

      assertThat(Exports.planAdoptSteps(example, dir.resolve("bondbridge")))
          .as("the mark alone")
          .singleElement()
          .asString()
          .endsWith("1. ip link set dev bond0 alias bondbridge:squeeze-bond");
    }
  }
}
