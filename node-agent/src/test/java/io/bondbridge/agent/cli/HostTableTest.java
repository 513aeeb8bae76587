package io.bondbridge.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.observe.HostStateAssembler;
import io.bondbridge.agent.observe.KernelFixtures;
import java.util.List;
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
        .contains("Bond bond0", "Bridge br0", "IPv4 addresses", "IPv4 routes")
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
        .noneMatch(l -> l.startsWith("VLANs"));
    assertThat(out).doesNotContain("\u001b").doesNotContain("null");
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
