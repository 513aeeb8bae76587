package io.bondbridge.agent.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LeaseTest {

  @Test
  void readsTheHooksSummary() {
    String summary =
        """
        interface=br0
        address=10.0.0.120
        mask=255.255.255.0
        server=10.0.0.1
        routers=10.0.0.1 10.0.0.254
        expiry=1796158536
        """;
    assertThat(Lease.parse(summary))
        .contains(
            new Lease(
                "br0", "10.0.0.120/24", "10.0.0.1", "10.0.0.1", Instant.ofEpochSecond(1796158536)));
    assertThat(Lease.parse(summary).orElseThrow().expiry().toString())
        .isEqualTo("2026-12-01T20:55:36Z");
  }

  @Test
  void readsADhcpv6Summary() {
    // as the hook writes it from dhclient -6's BOUND6 (captured against dnsmasq in the VM)
    String summary =
        """
        interface=br0
        address=2001:db8:1::1e4
        prefix=128
        server=0:1:0:1:32:a2:73:6c:3a:8f:9f:60:c7:1c
        expiry=1796192101
        """;
    assertThat(Lease.parse(summary))
        .contains(
            new Lease(
                "br0",
                "2001:db8:1::1e4/128",
                "0:1:0:1:32:a2:73:6c:3a:8f:9f:60:c7:1c",
                null,
                Instant.ofEpochSecond(1796192101)));
    assertThat(Lease.parse("interface=br0\naddress=2001:db8:1::1e4\nprefix=129\n")).isEmpty();
    assertThat(Lease.parse("interface=br0\naddress=2001:db8:1::1e4\nprefix=\n")).isEmpty();
  }

  @Test
  void aLeaseWithoutRouterOrExpiryStillCounts() {
    assertThat(Lease.parse("interface=bond0.20\naddress=10.20.0.5\nmask=255.255.0.0\n"))
        .contains(new Lease("bond0.20", "10.20.0.5/16", null, null, null));
  }

  @Test
  void halfASummaryIsNoLease() {
    assertThat(Lease.parse("interface=br0\naddress=10.0.0.120\n")).isEmpty();
    assertThat(Lease.parse("interface=br0\naddress=10.0.0.120\nmask=255.0.255.0\n")).isEmpty();
    assertThat(Lease.parse("")).isEmpty();
  }

  @Test
  void netmasksToPrefixLengths() {
    assertThat(Lease.prefixLength("255.255.255.255")).isEqualTo(32);
    assertThat(Lease.prefixLength("255.255.254.0")).isEqualTo(23);
    assertThat(Lease.prefixLength("0.0.0.0")).isEqualTo(0);
    assertThat(Lease.prefixLength("255.255.255")).isNull();
    assertThat(Lease.prefixLength("255.256.0.0")).isNull();
  }
}
