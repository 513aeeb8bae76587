package io.bondbridge.agent.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.host.LinkManager;
import org.junit.jupiter.api.Test;

/**
 * networkd's runtime link state as systemd 252 writes it (the configured one captured from a real
 * networkd in the kernel VM, {@code NetworkdKernelIT}).
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
}
