package io.bondbridge.agent.importer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.bondbridge.agent.importer.ImportResult.Format;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The seven bonding modes, each as an admin's own file would have it: besides the seeds'
 * active-backup and the LACP fixtures, balance-rr and broadcast as ifupdown stanzas (ifenslave's
 * old {@code slaves}/{@code bond_mode 3} spelling too), balance-xor as RHEL ifcfg files,
 * balance-tlb as netplan, balance-alb as NetworkManager keyfiles (with the 1.40+ {@code
 * controller}/{@code port-type} keys). Each gives the mode, the ports and its mode's option, in a
 * BondBridge the committed CRD admits.
 */
class AllModesImportTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @ParameterizedTest(name = "{0}: {2}")
  @CsvSource({
    "balance-rr-interfaces,    interfaces, balance-rr,    eno1 eno2,         packetsPerSlave, 4",
    "seed-001-interfaces,      interfaces, active-backup, eth0 eth1,         updelay,         200",
    "balance-xor-ifcfg,        ifcfg,      balance-xor,   em1 em2,           xmitHashPolicy,  layer2+3",
    "broadcast-interfaces,     interfaces, broadcast,     enp3s0f0 enp3s0f1, miimon,          50",
    "netplan-lacp,             netplan,    802.3ad,       eno1 eno2,         lacpRate,        fast",
    "balance-tlb-netplan.yaml, netplan,    balance-tlb,   enp5s0 enp6s0,     downdelay,       200",
    "balance-alb-keyfiles,     keyfile,    balance-alb,   eth0 eth1,         miimon,          100",
  })
  void eachModeIsImportedWithItsPortsAndOptions(
      String fixture, Format format, String mode, String ports, String option, String value)
      throws Exception {
    Path path = Path.of(getClass().getResource("/fixtures/import/" + fixture).toURI());
    assertThat(Format.of(List.of(path))).isEqualTo(format);

    ImportResult result = ImportResult.of(List.of(path), format, "node-x", null);

    assertThat(result.refusals()).as("admitted by the CRD:\n%s", result.yaml()).isEmpty();
    JsonNode bond = YAML.readTree(result.yaml()).path("spec").path("bond");
    assertThat(bond.path("mode").asText()).isEqualTo(mode);
    assertThat(bond.path("ports").findValuesAsText("name")).containsExactly(ports.split(" "));
    assertThat(bond.path("options").path(option).asText()).isEqualTo(value);
  }
}
