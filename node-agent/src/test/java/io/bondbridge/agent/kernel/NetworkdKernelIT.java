package io.bondbridge.agent.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bondbridge.agent.Engine;
import io.bondbridge.agent.host.LinkManager;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.testkit.HostSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real systemd-networkd (Debian's, run by the test in the VM) manages eth1, as on an Ubuntu node
 * with netplan. BondBridge refuses to enslave a port networkd has in hand, names the network file
 * and says how to hand it over, and changes nothing. Handed over as it says (Unmanaged=yes), the
 * bond is made; a cable pull and plug and a restart of networkd leave it whole; delete gives the
 * host back as it was.
 */
class NetworkdKernelIT {
  private static final Path NETWORKD = Path.of("/lib/systemd/systemd-networkd");
  private static final Path NETWORK_FILE = Path.of("/run/systemd/network/20-eth1.network");
  private static final Path NETIF = Path.of("/run/systemd/netif");

  private static final Duration SETTLE = Duration.ofSeconds(60);
  private static final String MANAGED =
      "[Match]\nName=eth1\n\n[Network]\nLinkLocalAddressing=no\nIPv6AcceptRA=no\n";

  private KernelLab lab;
  private Process networkd;
  private Path networkdLog;

  @BeforeEach
  void lab() throws IOException {
    lab = KernelLab.withNics(2);
    assumeTrue(Files.isExecutable(NETWORKD), "systemd-networkd is not installed");
    Files.createDirectories(NETWORK_FILE.getParent());
    Files.writeString(NETWORK_FILE, MANAGED);
    for (String dir : List.of("links", "leases", "lldp")) {
      Files.createDirectories(NETIF.resolve(dir));
    }
    lab.runner.output(List.of("chown", "-R", "systemd-network:systemd-network", NETIF.toString()));
    networkdLog = Files.createTempFile("networkd-", ".log");
    startNetworkd();
  }

  @AfterEach
  void clean() throws IOException, InterruptedException {
    stopNetworkd();
    Files.deleteIfExists(NETWORK_FILE);
    if (networkdLog != null) {
      System.out.print(Files.readString(networkdLog));
    }
    lab.close();
  }

  /**
   * networkd in a mount namespace of its own with /sys read-only, as in a container: the VM runs no
   * udevd, and where /sys is writable networkd waits for udev to initialize each link first.
   * unshare and sh exec into networkd, so the process is networkd itself.
   */
  private void startNetworkd() throws IOException {
    networkd =
        new ProcessBuilder(
                "unshare",
                "--mount",
                "--propagation",
                "private",
                "sh",
                "-c",
                "mount -o bind /sys /sys && mount -o remount,bind,ro /sys && exec " + NETWORKD)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(networkdLog.toFile()))
            .start();
  }

  private void stopNetworkd() throws InterruptedException {
    if (networkd != null) {
      networkd.destroy();
      if (!networkd.waitFor(20, TimeUnit.SECONDS)) {
        networkd.destroyForcibly();
      }
    }
  }

  /** networkd has written eth1's state since {@code millis}: it has looked at eth1 again. */
  private boolean stateWrittenSince(long millis) {
    Path state =
        NETIF.resolve("links").resolve(String.valueOf(lab.host().links().get("eth1").index()));
    try {
      return Files.exists(state) && Files.getLastModifiedTime(state).toMillis() >= millis;
    } catch (IOException e) {
      return false;
    }
  }

  private boolean networkdManagesEth1() {
    return lab.host().managerOf("eth1").isPresent();
  }

  @Test
  void aPortNetworkdManagesIsRefusedUntilHandedOverAndTheBondSurvivesAPullAndARestart()
      throws Exception {
    lab.waitFor(SETTLE, this::networkdManagesEth1, "networkd to manage eth1");
    Engine engine = lab.engine();
    BondBridgeNodeSpec spec = Examples.load("bond.yaml");

    assertThat(HandedOver.refusedUntouched(lab, engine, spec))
        .singleElement()
        .asString()
        .startsWith("eth1 is managed by systemd-networkd (network file " + NETWORK_FILE + ")")
        .contains("Unmanaged=yes");

    // handed over as the refusal says; networkctl reload needs D-Bus, a restart reads the file too
    Files.writeString(NETWORK_FILE, "[Match]\nName=eth1\n\n[Link]\nUnmanaged=yes\n");
    stopNetworkd();
    startNetworkd();
    // its state says unmanaged (just after the restart it may say nothing yet): status says so
    lab.waitFor(
        SETTLE,
        () -> lab.host().managerFound("eth1").filter(m -> !m.inHand()).isPresent(),
        "networkd to leave eth1 alone");
    assertThat(lab.host().managerFound("eth1").map(LinkManager::describe))
        .contains("systemd-networkd: unmanaged");
    HostSnapshot handedOver = lab.snapshot();

    HandedOver.survivesAPullAndARestart(
        lab,
        engine,
        spec,
        handedOver,
        () -> {
          stopNetworkd();
          long restarted = System.currentTimeMillis();
          startNetworkd();
          lab.waitFor(SETTLE, () -> stateWrittenSince(restarted), "networkd done with eth1");
        },
        () -> {});
  }
}
