package io.bondbridge.agent.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.host.LinkManager;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * networkd's runtime link state as systemd 252 writes it (the configured one captured from a real
 * networkd in the kernel VM, {@code NetworkdKernelIT}), and NetworkManager's device state as its
 * 1.42 writes it (captured from Debian's NetworkManager in the kernel VM, {@code
 * NetworkManagerKernelIT}).
 */
class NetworkManagersTest {
  @Test
  void aLinkNetworkdConfiguresIsManagedWithItsNetworkFile() {
    String state =
        """
        # This is private data. Do not parse.
        ADMIN_STATE=configured
        OPER_STATE=routable
        REQUIRED_FOR_ONLINE=yes
        NETWORK_FILE=/run/systemd/network/20-eth1.network
        """;

    assertThat(NetworkManagers.networkd(state))
        .contains(
            new LinkManager(
                "systemd-networkd",
                "network file /run/systemd/network/20-eth1.network",
                "set Unmanaged=yes in the [Link] section of /run/systemd/network/20-eth1.network"
                    + " (or match it in no .network file) and run networkctl reload"));
  }

  @Test
  void anUnmanagedLinkIsFoundButNotInHand() {
    assertThat(NetworkManagers.networkd("ADMIN_STATE=unmanaged\nOPER_STATE=off\n"))
        .hasValueSatisfying(
            m -> {
              assertThat(m.inHand()).isFalse();
              assertThat(m.describe()).isEqualTo("systemd-networkd: unmanaged");
            });
  }

  @Test
  void pendingAndInitializedLinksAreNotKnownYet() {
    for (String admin : new String[] {"pending", "initialized"}) {
      assertThat(NetworkManagers.networkd("ADMIN_STATE=" + admin + "\nOPER_STATE=off\n"))
          .as(admin)
          .isEmpty();
    }
    assertThat(NetworkManagers.networkd("")).isEmpty();
  }

  @Test
  void aFailedLinkIsStillNetworkdsToRetry() {
    assertThat(NetworkManagers.networkd("ADMIN_STATE=failed\n"))
        .hasValueSatisfying(m -> assertThat(m.detail()).isEqualTo("admin state failed"));
  }

  @Test
  void aDeviceWithNetworkManagersProfileActiveIsInHandWithTheProfile() {
    String state =
        """
        [device]
        managed=true
        perm-hw-addr-fake=76:2A:3D:F9:4C:77
        connection-uuid=1d0b9236-0fb9-3ddd-b5d8-81a26b2af642
        nm-owned=false
        route-metric-default-effective=100
        """;

    assertThat(NetworkManagers.networkManager("eth0", state))
        .hasValueSatisfying(
            m -> {
              assertThat(m.inHand()).isTrue();
              assertThat(m.describe())
                  .isEqualTo(
                      "NetworkManager: manages it (profile 1d0b9236-0fb9-3ddd-b5d8-81a26b2af642)");
              assertThat(m.release())
                  .startsWith("run nmcli device set eth0 managed no (until the next boot;")
                  .contains("unmanaged-devices=interface-name:eth0");
            });
  }

  @Test
  void aManagedDeviceWithNoProfileYetIsInHandToo() {
    // NetworkManager may autoconnect a profile on it at any carrier change
    assertThat(NetworkManagers.networkManager("eth1", "[device]\nmanaged=true\nnm-owned=false\n"))
        .hasValueSatisfying(m -> assertThat(m.detail()).isEqualTo("no profile active on it yet"));
  }

  @Test
  void anUnmanagedDeviceIsFoundButNotInHand() {
    // by nmcli device set eth1 managed no
    assertThat(NetworkManagers.networkManager("eth1", "[device]\nmanaged=false\nnm-owned=false\n"))
        .hasValueSatisfying(m -> assertThat(m.describe()).isEqualTo("NetworkManager: unmanaged"));
    // by unmanaged-devices in its configuration: the section without the key
    assertThat(NetworkManagers.networkManager("eth1", "[device]\n"))
        .hasValueSatisfying(m -> assertThat(m.inHand()).isFalse());
    // a key of another section is not the device's, nor is a file without the section
    assertThat(NetworkManagers.networkManager("eth1", "[other]\nmanaged=true\n")).isEmpty();
  }

  @Test
  void ofTwoManagersTheOneThatHasTheLinkInHandCounts() {
    var leaves = java.util.Optional.of(LinkManager.leavingAlone("systemd-networkd", "unmanaged"));
    var holds = NetworkManagers.networkManager("eth1", "[device]\nmanaged=true\n");
    assertThat(NetworkManagers.first(leaves, holds)).isEqualTo(holds);
    assertThat(NetworkManagers.first(holds, leaves)).isEqualTo(holds);
    assertThat(NetworkManagers.first(java.util.Optional.empty(), leaves)).isEqualTo(leaves);
    assertThat(NetworkManagers.first(leaves, java.util.Optional.empty())).isEqualTo(leaves);
  }

  @Test
  void aPortIfupdownBroughtUpIsInHandWhileAStanzaNamesIt() {
    for (String stanza :
        List.of(
            "iface eth0 inet static (/etc/network/interfaces:5)",
            "iface eth0 inet manual (/etc/network/interfaces:5)")) {
      assertThat(NetworkManagers.ifupdown("eth0", "eth0\n", () -> Optional.of(stanza)))
          .hasValueSatisfying(
              m -> {
                assertThat(m.describe()).isEqualTo("ifupdown: manages it (" + stanza + ")");
                assertThat(m.release())
                    .startsWith(
                        "remove that stanza and its auto or allow-hotplug line, then run"
                            + " ifdown eth0");
              });
    }
  }

  @Test
  void withNoStanzaLeftItIsLeftAloneAndALinkIfupdownDidNotBringUpIsNotAskedAbout() {
    assertThat(NetworkManagers.ifupdown("eth1", "eth1\n", Optional::empty))
        .hasValueSatisfying(
            m -> assertThat(m.describe()).isEqualTo("ifupdown: brought up, no stanza left"));
    // ifdown leaves an empty state file behind; the stanzas are then not read at all
    Supplier<Optional<String>> unread =
        () -> {
          throw new AssertionError("stanzas read for a link ifupdown did not bring up");
        };
    assertThat(NetworkManagers.ifupdown("eth1", "", unread)).isEmpty();
    assertThat(NetworkManagers.ifupdown("eth1", null, unread)).isEmpty();
  }
}
