package io.bondbridge.agent.observe;

import static io.bondbridge.agent.observe.KernelFixtures.sysfsFiles;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SysfsBondingTest {

  @Test
  void seed000KeepsEveryFileAndDropsModeNumbers() {
    Map<String, String> files = sysfsFiles("seed000", "bond0");
    Map<String, String> options = SysfsBonding.options(files);
    assertThat(options).hasSameSizeAs(files).containsOnlyKeys(files.keySet());
    assertThat(options)
        .containsEntry("mode", "active-backup")
        .containsEntry("xmit_hash_policy", "layer2")
        .containsEntry("arp_validate", "none")
        .containsEntry("lacp_active", "on")
        .containsEntry("primary_reselect", "always")
        .containsEntry("miimon", "100")
        .containsEntry("active_slave", "eth0")
        .containsEntry("mii_status", "up")
        .containsEntry("primary", "")
        .containsEntry("ad_actor_key", "")
        .containsEntry("slaves", "eth0 eth1 eth2 eth3")
        .containsEntry("queue_id", "eth0:0 eth1:0 eth2:0 eth3:0");
  }

  @Test
  void seed001ArpMonitor() {
    assertThat(SysfsBonding.options(sysfsFiles("seed001-arp", "bond0")))
        .containsEntry("arp_interval", "2000")
        .containsEntry("arp_ip_target", "192.168.11.254")
        .containsEntry("miimon", "0")
        .containsEntry("primary", "");
  }

  @Test
  void seed001PrimaryAndDelays() {
    assertThat(SysfsBonding.options(sysfsFiles("seed001", "bond0")))
        .containsEntry("primary", "eth0")
        .containsEntry("updelay", "200")
        .containsEntry("downdelay", "200");
  }

  @ParameterizedTest
  @CsvSource({
    "bond0, balance-rr",
    "bond1, active-backup",
    "bond2, balance-xor",
    "bond3, broadcast",
    "bond4, 802.3ad",
    "bond5, balance-tlb",
    "bond6, balance-alb"
  })
  void everyModeByName(String bond, String mode) {
    assertThat(SysfsBonding.options(sysfsFiles("modes", bond))).containsEntry("mode", mode);
  }

  @Test
  void modeSpecificOptions() {
    assertThat(SysfsBonding.options(sysfsFiles("modes", "bond0")))
        .containsEntry("packets_per_slave", "3");
    assertThat(SysfsBonding.options(sysfsFiles("modes", "bond2")))
        .containsEntry("xmit_hash_policy", "layer3+4");
    assertThat(SysfsBonding.options(sysfsFiles("modes", "bond4")))
        .containsEntry("lacp_rate", "fast")
        .containsEntry("ad_select", "bandwidth")
        .containsEntry("min_links", "1")
        .containsEntry("ad_aggregator", "1")
        .containsEntry("ad_actor_system", "00:00:00:00:00:00");
  }

  @Test
  void listsKeepATrailingNumberThatIsData() {
    Map<String, String> options =
        SysfsBonding.options(
            Map.of(
                "mode", "active-backup 1\n",
                "arp_ip_target", "10.0.0.1 10.0.0.2\n",
                "slaves", "eth0 1\n",
                "arp_interval", "0\n",
                "primary", "\n"));
    assertThat(options)
        .containsEntry("mode", "active-backup")
        .containsEntry("arp_ip_target", "10.0.0.1 10.0.0.2")
        .containsEntry("slaves", "eth0 1")
        .containsEntry("arp_interval", "0")
        .containsEntry("primary", "");
  }
}
