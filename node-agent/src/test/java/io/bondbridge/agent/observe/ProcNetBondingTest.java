package io.bondbridge.agent.observe;

import static io.bondbridge.agent.observe.KernelFixtures.proc;
import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.host.BondPort;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProcNetBondingTest {

  @Test
  void seed000ActiveBackupWithFourPorts() {
    ProcNetBonding bond = ProcNetBonding.parse(proc("seed000", "bond0"));
    assertThat(bond.modeDescription()).isEqualTo("fault-tolerance (active-backup)");
    assertThat(bond.mode()).isEqualTo("active-backup");
    assertThat(bond.primaryPort()).isNull();
    assertThat(bond.activePort()).isEqualTo("eth0");
    assertThat(bond.miiStatus()).isEqualTo("up");
    assertThat(bond.header())
        .containsEntry("Ethernet Channel Bonding Driver", "v6.1.0-56-amd64")
        .containsEntry("MII Polling Interval (ms)", "100");
    assertThat(bond.ports())
        .containsExactly(
            new BondPort("eth0", "up", 0, "52:54:00:bb:00:00", 10000, "full", null),
            new BondPort("eth1", "up", 0, "52:54:00:bb:00:01", 10000, "full", null),
            new BondPort("eth2", "up", 0, "52:54:00:bb:00:02", 10000, "full", null),
            new BondPort("eth3", "up", 0, "52:54:00:bb:00:03", 10000, "full", null));
    assertThat(bond.options())
        .containsEntry("mode", "active-backup")
        .containsEntry("miimon", "100")
        .containsEntry("updelay", "0")
        .doesNotContainKey("primary");
  }

  @Test
  void failoverMovedTheActivePortAndCountedTheFailure() {
    ProcNetBonding bond = ProcNetBonding.parse(proc("failover", "bond0"));
    assertThat(bond.primaryPort()).isEqualTo("eth0");
    assertThat(bond.activePort()).isEqualTo("eth1");
    assertThat(bond.options())
        .containsEntry("primary", "eth0")
        .containsEntry("primary_reselect", "always")
        .containsEntry("updelay", "200")
        .containsEntry("downdelay", "200");
    BondPort eth0 = bond.ports().get(0);
    assertThat(eth0.name()).isEqualTo("eth0");
    assertThat(eth0.miiStatus()).isEqualTo("down");
    assertThat(eth0.isUp()).isFalse();
    assertThat(eth0.linkFailures()).isEqualTo(1);
    // The kernel still prints the last known speed of a port without carrier.
    assertThat(eth0.speedMbps()).isEqualTo(10000);
    assertThat(bond.ports().get(1).miiStatus()).isEqualTo("up");
    assertThat(bond.ports().get(1).linkFailures()).isZero();
  }

  @Test
  void seed001ArpMonitorLines() {
    ProcNetBonding bond = ProcNetBonding.parse(proc("seed001-arp", "bond0"));
    assertThat(bond.options())
        .containsEntry("miimon", "0")
        .containsEntry("arp_interval", "2000")
        .containsEntry("arp_ip_target", "192.168.11.254")
        .containsEntry("arp_missed_max", "2");
    // "NS IPv6 target/s (xx::xx form):" has colons in its label and nothing after it.
    assertThat(bond.header()).containsEntry("NS IPv6 target/s (xx::xx form)", "");
    assertThat(bond.ports()).extracting(BondPort::name).containsExactly("eth0", "eth1");
  }

  @Test
  void seed001OldKernelFormatWithoutSpeedDuplexAndWithMaskedMacs() {
    ProcNetBonding bond = ProcNetBonding.parse(KernelFixtures.seed001OldProc());
    assertThat(bond.header())
        .containsEntry("Ethernet Channel Bonding Driver", "v3.5.0 (November 4, 2008)");
    assertThat(bond.mode()).isEqualTo("active-backup");
    assertThat(bond.primaryPort()).isEqualTo("eth0");
    assertThat(bond.activePort()).isEqualTo("eth0");
    assertThat(bond.miiStatus()).isEqualTo("up");
    assertThat(bond.options())
        .containsEntry("miimon", "100")
        .containsEntry("updelay", "200")
        .containsEntry("downdelay", "200")
        .containsEntry("primary", "eth0")
        .doesNotContainKey("primary_reselect");
    assertThat(bond.ports())
        .containsExactly(
            new BondPort("eth0", "up", 0, null, null, null, null),
            new BondPort("eth1", "up", 0, null, null, null, null));
  }

  static Stream<Arguments> modes() {
    return Stream.of(
        Arguments.of("bond0", "balance-rr", "eth0", "eth1"),
        Arguments.of("bond1", "active-backup", "eth2", "eth3"),
        Arguments.of("bond2", "balance-xor", "eth4", "eth5"),
        Arguments.of("bond3", "broadcast", "eth6", "eth7"),
        Arguments.of("bond4", "802.3ad", "eth8", "eth9"),
        Arguments.of("bond5", "balance-tlb", "eth10", "eth11"),
        Arguments.of("bond6", "balance-alb", "eth12", "eth13"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("modes")
  void everyModeIsRecognisedWithItsPorts(String bondName, String mode, String p1, String p2) {
    ProcNetBonding bond = ProcNetBonding.parse(proc("modes", bondName));
    assertThat(bond.mode()).isEqualTo(mode);
    assertThat(bond.ports()).extracting(BondPort::name).containsExactly(p1, p2);
    assertThat(bond.ports())
        .allSatisfy(
            p -> {
              assertThat(p.isUp()).isTrue();
              assertThat(p.speedMbps()).isEqualTo(10000);
              assertThat(p.duplex()).isEqualTo("full");
              assertThat(p.permanentMac()).startsWith("52:54:00:bb:00:");
            });
    // /proc prints an active port only for the modes that have one.
    boolean hasActive =
        Stream.of("active-backup", "balance-tlb", "balance-alb").anyMatch(mode::equals);
    assertThat(bond.activePort() != null).isEqualTo(hasActive);
  }

  @Test
  void lacpBlocksAreSkippedNotMistakenForPortFacts() {
    ProcNetBonding bond = ProcNetBonding.parse(proc("modes", "bond4"));
    // The indented "system mac address: 00:00:..." of the partner must not replace the port's.
    assertThat(bond.ports())
        .extracting(BondPort::permanentMac)
        .containsExactly("52:54:00:bb:00:08", "52:54:00:bb:00:09");
    assertThat(bond.options())
        .containsEntry("lacp_rate", "fast")
        .containsEntry("ad_select", "bandwidth")
        .containsEntry("min_links", "1")
        .containsEntry("lacp_active", "on")
        .containsEntry("xmit_hash_policy", "layer2");
  }

  @Test
  void transmitHashPolicyDropsTheNumber() {
    assertThat(ProcNetBonding.parse(proc("modes", "bond2")).options())
        .containsEntry("xmit_hash_policy", "layer3+4");
  }

  @Test
  void unknownSpeedAndDuplexAndSeveralArpTargets() {
    String text =
        """
        Ethernet Channel Bonding Driver: v5.10.0

        Bonding Mode: fault-tolerance (active-backup)
        Primary Slave: None
        Currently Active Slave: None
        MII Status: down
        MII Polling Interval (ms): 0
        ARP Polling Interval (ms): 1000
        ARP IP target/s (n.n.n.n form): 10.0.0.1,10.0.0.2

        Slave Interface: eno1
        MII Status: down
        Speed: Unknown
        Duplex: Unknown
        Link Failure Count: 3
        Permanent HW addr: 3C:EC:EF:00:11:22
        Slave queue ID: 0
        """;
    ProcNetBonding bond = ProcNetBonding.parse(text);
    assertThat(bond.activePort()).isNull();
    assertThat(bond.miiStatus()).isEqualTo("down");
    assertThat(bond.options()).containsEntry("arp_ip_target", "10.0.0.1 10.0.0.2");
    assertThat(bond.ports())
        .containsExactly(new BondPort("eno1", "down", 3, "3c:ec:ef:00:11:22", null, null, null));
  }

  @Test
  void emptyFileIsABondWithoutFacts() {
    ProcNetBonding bond = ProcNetBonding.parse("");
    assertThat(bond.mode()).isNull();
    assertThat(bond.ports()).isEmpty();
    assertThat(bond.options()).isEmpty();
  }
}
