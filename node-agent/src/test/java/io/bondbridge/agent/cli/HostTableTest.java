package io.bondbridge.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.host.DhcpView;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Lease;
import io.bondbridge.agent.host.LinkManager;
import io.bondbridge.agent.observe.HostStateAssembler;
import io.bondbridge.agent.observe.KernelFixtures;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HostTableTest {

  private static String table(String scenario) {
    HostState host = HostStateAssembler.assemble(KernelFixtures.readings(scenario));
    return HostTable.render(host);
  }

  private static List<String> lines(String text) {
    return text.lines().toList();
  }

  @Test
  void seed000BondBridgeAddressAndDefaultRoute() {
    String out = table("seed000");
    assertThat(lines(out))
        .contains("Bond bond0", "Bridge br0", "Addresses", "Routes")
        .anyMatch(l -> l.matches("  Mode:\\s+active-backup"))
        .anyMatch(l -> l.matches("  Primary port:\\s+None"))
        .anyMatch(l -> l.matches("  Currently active port:\\s+eth0"))
        .anyMatch(l -> l.matches("  MII polling interval \\(ms\\):\\s+100"))
        .anyMatch(l -> l.matches("  Ports up:\\s+4/4"))
        .anyMatch(
            l ->
                l.matches("  eth0\\s+up\\s+10000 Mbps\\s+full\\s+0\\s+52:54:00:bb:00:00\\s+active"))
        .anyMatch(
            l ->
                l.matches("  eth3\\s+up\\s+10000 Mbps\\s+full\\s+0\\s+52:54:00:bb:00:03\\s+backup"))
        .anyMatch(l -> l.matches("  STP:\\s+off"))
        .anyMatch(l -> l.matches("  Forward delay \\(s\\):\\s+15"))
        .anyMatch(l -> l.matches("  Ports:\\s+bond0"))
        .anyMatch(l -> l.matches("  br0\\s+192\\.168\\.1\\.100/24\\s+forever"))
        .anyMatch(l -> l.matches("  default\\s+192\\.168\\.1\\.1\\s+br0\\s+boot.*"))
        .anyMatch(l -> l.matches("  bond0\\s+bond\\s.*\\sbr0\\s.*bondbridge:vm-uplink"))
        .noneMatch(l -> l.startsWith("VLANs"))
        .noneMatch(l -> l.startsWith("DHCP leases"));
    assertThat(out).doesNotContain("\u001b").doesNotContain("null");
  }

  @Test
  void theLeasesBondBridgesClientsKeepDhcpv4ThenDhcpv6() {
    HostState host = HostStateAssembler.assemble(KernelFixtures.readings("seed000"));
    Lease lease4 =
        new Lease(
            "br0", "10.0.0.2/24", "10.0.0.1", "10.0.0.1", Instant.parse("2026-12-02T07:00:00Z"));
    Lease lease6 = new Lease("br0", "2001:db8:1::1e4/128", "0:1:0:1:32:a2", null, null);
    host =
        host.withDhcp(
            new DhcpView(
                true,
                Set.of("br0"),
                List.of(),
                Map.of("br0", lease4),
                Set.of("br0"),
                Map.of("br0", lease6),
                true));
    List<String> lines = lines(HostTable.render(host));
    int title = lines.indexOf("DHCP leases kept by BondBridge");
    assertThat(title).isPositive();
    assertThat(lines.get(title + 1))
        .matches("  INTERFACE\\s+ADDRESS\\s+SERVER\\s+ROUTER\\s+EXPIRES");
    assertThat(lines.get(title + 2))
        .matches(
            "  br0\\s+10\\.0\\.0\\.2/24\\s+10\\.0\\.0\\.1\\s+10\\.0\\.0\\.1\\s+2026-12-02T07:00:00Z");
    assertThat(lines.get(title + 3))
        .matches("  br0\\s+2001:db8:1::1e4/128\\s+0:1:0:1:32:a2\\s+-\\s+-");
  }

  @Test
  void failoverShowsTheNewActivePortAndTheFailure() {
    assertThat(lines(table("failover")))
        .anyMatch(l -> l.matches("  Primary port:\\s+eth0 \\(primary_reselect always\\)"))
        .anyMatch(l -> l.matches("  Currently active port:\\s+eth1"))
        .anyMatch(l -> l.matches("  Up delay \\(ms\\):\\s+200"))
        .anyMatch(l -> l.matches("  Ports up:\\s+1/2"))
        .anyMatch(
            l ->
                l.matches(
                    "  eth0\\s+down\\s+10000 Mbps\\s+full\\s+1\\s+52:54:00:bb:00:00\\s+backup"))
        .anyMatch(
            l ->
                l.matches(
                    "  eth1\\s+up\\s+10000 Mbps\\s+full\\s+0\\s+52:54:00:bb:00:01\\s+active"));
  }

  @Test
  void theNetworkManagerFoundForEachPortIsAColumnWhereOneWasFound() {
    HostState host = HostStateAssembler.assemble(KernelFixtures.readings("failover"));
    assertThat(HostTable.render(host)).doesNotContain("MANAGER");

    HostState managed =
        host.withManagers(
            Map.of(
                "eth0",
                LinkManager.leavingAlone("systemd-networkd", "unmanaged"),
                "eth1",
                new LinkManager(
                    "systemd-networkd", "network file /run/systemd/network/20-eth1.network", "x")));

    assertThat(lines(HostTable.render(managed)))
        .anyMatch(l -> l.matches("  PORT\\s+MII.*STATE\\s+MANAGER"))
        .anyMatch(l -> l.matches("  eth0\\s+down.*backup\\s+systemd-networkd: unmanaged"))
        .anyMatch(
            l ->
                l.matches(
                    "  eth1\\s+up.*active\\s+systemd-networkd: manages it \\(network file"
                        + " /run/systemd/network/20-eth1\\.network\\)"));
  }

  @Test
  void portColumnsAreAligned() {
    List<String> portLines =
        lines(table("failover")).stream()
            .filter(l -> l.startsWith("  PORT") || l.matches("  eth\\d .*"))
            .filter(l -> l.contains("Mbps") || l.startsWith("  PORT"))
            .toList();
    assertThat(portLines).hasSize(3);
    int state = portLines.get(0).indexOf("STATE");
    assertThat(portLines.get(1).indexOf("backup")).isEqualTo(state);
    assertThat(portLines.get(2).indexOf("active")).isEqualTo(state);
    int failures = portLines.get(0).indexOf("LINK FAILURES");
    assertThat(portLines.get(1).charAt(failures)).isEqualTo('1');
  }

  @Test
  void seed004Vlans() {
    assertThat(lines(table("seed004")))
        .contains("VLANs")
        .anyMatch(l -> l.matches("  NAME\\s+ID\\s+PARENT"))
        .anyMatch(l -> l.matches("  bond0\\.10\\s+10\\s+bond0"))
        .anyMatch(l -> l.matches("  bond0\\.15\\s+15\\s+bond0"))
        .anyMatch(l -> l.matches("  bond0\\.15\\s+192\\.168\\.2\\.1/24\\s+forever"));
  }

  @Test
  void seed001ArpMonitor() {
    assertThat(lines(table("seed001-arp")))
        .anyMatch(l -> l.matches("  ARP polling interval \\(ms\\):\\s+2000"))
        .anyMatch(l -> l.matches("  ARP IP targets:\\s+192\\.168\\.11\\.254"));
    assertThat(table("seed000")).doesNotContain("ARP");
  }

  @Test
  void modeSpecificLines() {
    String out = table("modes");
    assertThat(lines(out))
        .contains(
            "Bond bond0",
            "Bond bond1",
            "Bond bond2",
            "Bond bond3",
            "Bond bond4",
            "Bond bond5",
            "Bond bond6")
        .anyMatch(l -> l.matches("  Transmit hash policy:\\s+layer3\\+4"))
        .anyMatch(l -> l.matches("  LACP rate:\\s+fast"))
        .anyMatch(l -> l.matches("  Aggregator selection:\\s+bandwidth"))
        .anyMatch(l -> l.matches("  eth9\\s+up\\s.*\\sbackup"));
    // balance-rr has no active port: like /proc, no "Currently active" line in its section.
    String rr = out.substring(out.indexOf("Bond bond0"), out.indexOf("Bond bond1"));
    assertThat(rr).doesNotContain("Currently active port").doesNotContain("Primary port");
  }
}
