package io.bondbridge.agent.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seeds' interfaces files (and one with VLANs, a VLAN bridge and source-directory) imported:
 * each gives a BondBridge the committed CRD admits, and names what it leaves out.
 */
class InterfacesImportTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static Path fixture(String name) throws URISyntaxException {
    return Path.of(InterfacesImportTest.class.getResource("/fixtures/import/" + name).toURI());
  }

  private static JsonNode spec(ImportResult result) throws Exception {
    assertThat(result.refusals()).as("admitted by the CRD").isEmpty();
    return YAML.readTree(result.yaml()).path("spec");
  }

  @Test
  void seed000FourPortsInActiveBackupUnderABridgeWithTheNodeAddress() throws Exception {
    ImportResult result = ImportResult.ofInterfaces(fixture("seed-000-interfaces"), "node-a", null);
    JsonNode spec = spec(result);

    assertThat(YAML.readTree(result.yaml()).path("metadata").path("name").asText())
        .isEqualTo("bond0");
    assertThat(spec.path("bond").path("mode").asText()).isEqualTo("active-backup");
    assertThat(spec.path("bond").path("ports").findValuesAsText("name"))
        .containsExactly("eth0", "eth1", "eth2", "eth3");
    assertThat(spec.path("bond").path("options").path("miimon").asInt()).isEqualTo(100);
    assertThat(spec.path("bridge").path("name").asText()).isEqualTo("br0");
    assertThat(spec.path("ipv4").path("mode").asText()).isEqualTo("static");
    assertThat(spec.path("ipv4").path("addresses").path("node-a").asText())
        .isEqualTo("192.168.1.100/24");
    assertThat(spec.path("ipv4").path("gateway").asText()).isEqualTo("192.168.1.1");
    assertThat(spec.path("adopt").asBoolean()).isTrue();
    assertThat(
            spec.path("nodeSelector").path("matchLabels").path("kubernetes.io/hostname").asText())
        .isEqualTo("node-a");
    // network and broadcast say what address and netmask say; the rest is named
    assertThat(result.notCarried())
        .hasSize(3)
        .anyMatch(n -> n.contains(":36: br0: dns-nameservers 192.168.1.10: not carried"))
        .anyMatch(n -> n.contains("br0: pre-up ifup bond0: not carried: a command ifupdown ran"))
        .anyMatch(n -> n.contains("br0: post-down ifdown bond0"));
  }

  @Test
  void seed001TheArpKeysIfenslaveIgnoredAreNamedAndTheBondKeepsMii() throws Exception {
    ImportResult result =
        ImportResult.ofInterfaces(fixture("seed-001-interfaces"), "squeeze", "squeeze-bond");
    JsonNode spec = spec(result);

    assertThat(spec.path("bond").path("ports").findValuesAsText("name"))
        .containsExactly("eth0", "eth1");
    assertThat(spec.path("bond").path("options").path("miimon").asInt()).isEqualTo(100);
    assertThat(spec.path("bond").path("options").path("updelay").asInt()).isEqualTo(200);
    assertThat(spec.path("bond").path("options").path("downdelay").asInt()).isEqualTo(200);
    assertThat(spec.path("bond").path("options").has("arpInterval")).isFalse();
    assertThat(spec.has("bridge")).isFalse();
    assertThat(spec.path("ipv4").path("addresses").path("squeeze").asText())
        .isEqualTo("192.168.188.88/24");
    assertThat(result.notCarried())
        .containsExactlyInAnyOrder(
            fixture("seed-001-interfaces")
                + ":16: bond0: arp_interval 2000: not carried: not an ifenslave keyword"
                + " (bond-arp-interval), so ifupdown ignored it too",
            fixture("seed-001-interfaces")
                + ":17: bond0: arp_ip_target 192.168.11.254: not carried: not an ifenslave keyword"
                + " (bond-arp-ip-target), so ifupdown ignored it too");
  }

  @Test
  void vlansByBothNamingsAVlanBridgeAndSourceDirectory() throws Exception {
    ImportResult result = ImportResult.ofInterfaces(fixture("vlans-interfaces"), "node-b", null);
    JsonNode spec = spec(result);

    assertThat(spec.path("bond").path("mode").asText()).isEqualTo("802.3ad");
    assertThat(spec.path("bond").path("mtu").asInt()).isEqualTo(9000);
    assertThat(spec.path("bond").path("options").path("lacpRate").asText()).isEqualTo("fast");
    assertThat(spec.path("bond").path("options").path("xmitHashPolicy").asText())
        .isEqualTo("layer3+4");
    JsonNode vlans = spec.path("vlans");
    assertThat(vlans).hasSize(2);
    assertThat(vlans.get(0).path("id").asInt()).isEqualTo(10);
    assertThat(vlans.get(0).has("name")).isFalse();
    assertThat(vlans.get(0).path("ipv4").path("addresses").path("node-b").asText())
        .isEqualTo("10.10.0.5/24");
    assertThat(vlans.get(1).path("id").asInt()).isEqualTo(20);
    assertThat(vlans.get(1).path("name").asText()).isEqualTo("vlan20");
    assertThat(vlans.get(1).path("bridge").path("name").asText()).isEqualTo("br20");
    assertThat(vlans.get(1).path("ipv4").path("mode").asText()).isEqualTo("dhcp");
    // bond9 is in a file source-directory skips (its name has a dot), as ifupdown does
    assertThat(result.yaml()).doesNotContain("bond9", "eth9");
    assertThat(result.notCarried())
        .anyMatch(n -> n.contains("bond0: hwaddress ether 02:00:00:00:00:01: not carried"))
        .anyMatch(n -> n.contains("br20: bridge_maxwait 0: not carried"));
  }

  @Test
  void aValueThatIsNoNumberOrAFileWithoutABondStopsTheImportNamingWhere(@TempDir Path dir)
      throws Exception {
    Path bad =
        Files.writeString(
            dir.resolve("interfaces"),
            "iface bond0 inet manual\n    bond-slaves eth0 eth1\n    bond-miimon 1OO\n");
    assertThatThrownBy(() -> ImportResult.ofInterfaces(bad, "node-a", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(bad + ":1: bond0: 1OO is not a whole number");
    Path none = Files.writeString(dir.resolve("plain"), "iface eth0 inet dhcp\n");
    assertThatThrownBy(() -> ImportResult.ofInterfaces(none, "node-a", null))
        .hasMessageContaining("no bond here");
  }
}
