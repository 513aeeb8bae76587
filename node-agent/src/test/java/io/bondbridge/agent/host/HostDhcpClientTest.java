package io.bondbridge.agent.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The host's dhclient, as ifupdown starts it (argv captured from Debian 12's ifup eth0). */
class HostDhcpClientTest {
  private static final String IFUPDOWN =
      "/sbin/dhclient\0-4\0-v\0-i\0-pf\0/run/dhclient.eth0.pid\0-lf\0"
          + "/var/lib/dhcp/dhclient.eth0.leases\0-I\0-df\0/var/lib/dhcp/dhclient6.eth0.leases\0eth0\0";
  private static final String RUNNING = "812 (dhclient) S 1 812 812 0 -1 4194624 215";
  private static final String OURS = "/var/lib/bondbridge/dhcp";

  @Test
  void ifupdownsClientServesItsInterface() {
    var client = HostDhcpClient.parse(812, bytes(IFUPDOWN), RUNNING, OURS).orElseThrow();
    assertThat(client.pid()).isEqualTo(812);
    assertThat(client.interfaces()).containsExactly("eth0");
    assertThat(client.argv()).startsWith("/sbin/dhclient", "-4").endsWith("eth0");
    assertThat(client.paused()).isFalse();
  }

  @Test
  void aPathGivenToAnOptionIsNoInterface() {
    String cmdline = "dhclient\0-pf\0eth1\0eth0\0";
    var client = HostDhcpClient.parse(9, bytes(cmdline), RUNNING, OURS).orElseThrow();
    assertThat(client.serves("eth1")).isFalse();
    assertThat(client.serves("eth0")).isTrue();
  }

  @Test
  void otherInterfacesOtherProgramsAndOurOwnClientsAreNotIt() {
    assertThat(
            HostDhcpClient.parse(812, bytes(IFUPDOWN), RUNNING, OURS).orElseThrow().serves("eth1"))
        .isFalse();
    assertThat(HostDhcpClient.parse(5, bytes("/usr/sbin/dnsmasq\0eth0\0"), RUNNING, OURS))
        .isEmpty();
    String ours = "dhclient\0-4\0-d\0-sf\0" + OURS + "/dhclient-hook\0br0\0";
    assertThat(HostDhcpClient.parse(7, bytes(ours), RUNNING, OURS)).isEmpty();
  }

  @Test
  void aStoppedClientIsPaused() {
    String stopped = "812 (dhclient) T 1 812 812 0 -1 4194624 215";
    assertThat(HostDhcpClient.parse(812, bytes(IFUPDOWN), stopped, OURS).orElseThrow().paused())
        .isTrue();
    assertThat(HostDhcpClient.stopped("9 (a) b) t 1")).isTrue();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
