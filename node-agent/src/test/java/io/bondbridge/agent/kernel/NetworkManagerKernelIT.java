package io.bondbridge.agent.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.Engine;
import io.bondbridge.agent.host.LinkManager;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.testkit.HostSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real NetworkManager (Debian's 1.42, with udevd and a system bus, run by the test in the VM)
 * manages both NICs, as on a RHEL-family node: its profile {@code uplink} has the node's address on
 * eth0, and eth1 is its too, with no profile active yet. BondBridge refuses both ports, names the
 * profile and says how to hand them over, and changes nothing. Handed over as it says, the bond is
 * made; a cable pull and plug and a restart of NetworkManager leave it whole, with no address put
 * back on a port and no link event after; delete gives the host back, and NetworkManager takes eth0
 * again with its profile.
 */
class NetworkManagerKernelIT {
  private static final Duration SETTLE = Duration.ofSeconds(60);
  private static final String FOR_GOOD = "90-bondbridge.conf";

  private KernelLab lab;
  private NetworkManagerLab nm;

  @BeforeEach
  void lab() throws IOException {
    lab = KernelLab.withNics(2);
    nm = NetworkManagerLab.running("eth0", KernelLab.NODE_CIDR, KernelLab.GATEWAY);
  }

  @AfterEach
  void clean() throws IOException {
    try {
      if (nm != null) {
        nm.close();
      }
    } finally {
      lab.close();
    }
  }

  private Optional<LinkManager> found(String nic) {
    return lab.host().managerFound(nic);
  }

  @Test
  void portsNetworkManagerManagesAreRefusedUntilHandedOverAndTheBondSurvivesAPullAndARestart()
      throws Exception {
    lab.waitFor(
        SETTLE,
        () ->
            found("eth0").filter(LinkManager::inHand).isPresent()
                && found("eth1").filter(LinkManager::inHand).isPresent(),
        "NetworkManager to manage eth0 and eth1");
    String profile = nm.nmcli("-g", "connection.uuid", "connection", "show", "uplink").strip();
    assertThat(found("eth0").map(LinkManager::describe))
        .contains("NetworkManager: manages it (profile " + profile + ")");
    Engine engine = lab.engine();
    BondBridgeNodeSpec spec = Examples.load("bond.yaml");

    assertThat(HandedOver.refusedUntouched(lab, engine, spec))
        .hasSize(2)
        .anySatisfy(
            r ->
                assertThat(r)
                    .startsWith("eth0 is managed by NetworkManager (profile " + profile + ")")
                    .contains("run nmcli device set eth0 managed no"))
        .anySatisfy(
            r ->
                assertThat(r)
                    .startsWith("eth1 is managed by NetworkManager (no profile active on it yet)"));

    // handed over as the refusal says: at runtime first (the device keeps its address), then for
    // good in conf.d; the other order would have NetworkManager take the links down on reload
    nm.nmcli("device", "set", "eth0", "managed", "no");
    nm.nmcli("device", "set", "eth1", "managed", "no");
    Files.writeString(
        NetworkManagerLab.CONF_D.resolve(FOR_GOOD),
        "[keyfile]\nunmanaged-devices=interface-name:eth0;interface-name:eth1\n");
    nm.nmcli("general", "reload", "conf");
    lab.waitFor(
        SETTLE,
        () -> found("eth0").isPresent() && !found("eth0").get().inHand(),
        "NetworkManager to leave eth0 alone");
    assertThat(nm.deviceState("eth0")).startsWith("10 "); // unmanaged
    assertThat(lab.holdersOf(KernelLab.NODE_CIDR))
        .as("eth0 kept the node's address")
        .containsExactly("eth0");
    assertThat(found("eth1").map(LinkManager::inHand)).contains(false);
    HostSnapshot handedOver = lab.snapshot();

    HandedOver.survivesAPullAndARestart(
        lab,
        engine,
        spec,
        handedOver,
        () -> {
          nm.stop();
          nm.start();
        },
        () -> {
          assertThat(nm.deviceState("eth0")).startsWith("10 ");
          // NetworkManager sees BondBridge's devices and leaves them as they are ("externally")
          assertThat(nm.deviceState("bond0")).contains("connected (externally)");
        });

    // given back: NetworkManager manages eth0 again with its profile, the address where it was
    Files.delete(NetworkManagerLab.CONF_D.resolve(FOR_GOOD));
    nm.nmcli("general", "reload", "conf");
    nm.nmcli("device", "set", "eth0", "managed", "yes");
    nm.nmcli("device", "set", "eth1", "managed", "yes");
    lab.waitFor(
        SETTLE,
        () ->
            nm.deviceState("eth0").startsWith("100 ")
                && found("eth0")
                    .map(LinkManager::describe)
                    .equals(Optional.of("NetworkManager: manages it (profile " + profile + ")")),
        "NetworkManager to have eth0 and its profile again");
    assertThat(lab.holdersOf(KernelLab.NODE_CIDR)).containsExactly("eth0");
    assertThat(found("eth1").map(LinkManager::inHand)).contains(true);
    lab.waitFor(Duration.ofSeconds(20), lab::peerReachesNode, "the peer to reach eth0 again");
  }
}
