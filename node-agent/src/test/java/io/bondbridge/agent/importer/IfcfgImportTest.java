package io.bondbridge.agent.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.bondbridge.agent.importer.ImportResult.Format;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RHEL ifcfg-* files imported: seed 000's (the blog's own files), an LACP bond with DHCP, a bridged
 * VLAN and a PHYSDEV VLAN, and an ARP-monitored bond given file by file. Each gives a BondBridge
 * the committed CRD admits, and names what it leaves out.
 */
class IfcfgImportTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static Path fixture(String name) throws URISyntaxException {
    return Path.of(IfcfgImportTest.class.getResource("/fixtures/import/" + name).toURI());
  }

  private static JsonNode spec(ImportResult result) throws Exception {
    assertThat(result.refusals()).as("admitted by the CRD").isEmpty();
    return YAML.readTree(result.yaml()).path("spec");
  }

  private static ImportResult imported(List<Path> paths, String node) {
    return ImportResult.of(paths, Format.of(paths), node, null);
  }

  @Test
  void seed000TheSameBondAndBridgeAsItsInterfacesStanzas() throws Exception {
    Path dir = fixture("seed-000-ifcfg");
    assertThat(Format.of(List.of(dir))).isEqualTo(Format.ifcfg);
    ImportResult result = imported(List.of(dir), "node-a");
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
        .isEqualTo("192.168.1.200/24");
    assertThat(spec.path("ipv4").path("gateway").asText()).isEqualTo("192.168.1.1");
    assertThat(spec.has("ipv6")).isFalse();
    assertThat(spec.path("adopt").asBoolean()).isTrue();
    // DEVICE, TYPE, ONBOOT=yes, BOOTPROTO, MASTER, SLAVE, BRIDGE are what the import is made of;
    // each port's MAC is named
    assertThat(result.notCarried())
        .hasSize(4)
        .allMatch(n -> n.contains(": HWADDR 00:15:17:XX:YY:") && n.contains("MAC addresses"))
        .anyMatch(n -> n.contains("ifcfg-eth2:4: eth2: HWADDR 00:15:17:XX:YY:22"));
  }

  @Test
  void anLacpBondOnDhcpWithABridgedVlanAndAPhysdevVlan() throws Exception {
    ImportResult result = imported(List.of(fixture("lacp-vlans-ifcfg")), "node-b");
    JsonNode spec = spec(result);

    JsonNode bond = spec.path("bond");
    assertThat(bond.path("mode").asText()).isEqualTo("802.3ad");
    assertThat(bond.path("ports").findValuesAsText("name")).containsExactly("ens1", "ens2");
    assertThat(bond.path("options").path("lacpRate").asText()).isEqualTo("fast");
    assertThat(bond.path("options").path("xmitHashPolicy").asText()).isEqualTo("layer3+4");
    assertThat(bond.path("options").path("adSelect").asText()).isEqualTo("bandwidth");
    assertThat(bond.path("mtu").asInt()).isEqualTo(9000);
    assertThat(spec.has("bridge")).isFalse();
    assertThat(spec.path("ipv4").path("mode").asText()).isEqualTo("dhcp");
    assertThat(spec.path("ipv6").path("mode").asText()).isEqualTo("auto");

    JsonNode vlans = spec.path("vlans");
    assertThat(vlans).hasSize(2);
    assertThat(vlans.get(0).path("id").asInt()).isEqualTo(100);
    assertThat(vlans.get(0).has("name")).isFalse();
    assertThat(vlans.get(0).path("bridge").path("name").asText()).isEqualTo("br100");
    assertThat(vlans.get(0).path("bridge").path("stp").asBoolean(true)).isFalse();
    assertThat(vlans.get(0).path("ipv4").path("addresses").path("node-b").asText())
        .isEqualTo("10.100.0.5/24");
    assertThat(vlans.get(1).path("id").asInt()).isEqualTo(200);
    assertThat(vlans.get(1).path("name").asText()).isEqualTo("vlan200");
    assertThat(vlans.get(1).path("mtu").asInt()).isEqualTo(1500);
    assertThat(vlans.get(1).path("ipv4").path("addresses").path("node-b").asText())
        .as("single quotes are the shell's, not the address's")
        .isEqualTo("10.200.0.5/24");

    // ifcfg-lo and the .bak copy are skipped, as initscripts skips them
    assertThat(String.join("\n", result.notCarried())).doesNotContain("ifcfg-lo", ".bak");
    assertThat(result.notCarried())
        .hasSize(5)
        .anyMatch(n -> n.contains("BONDING_OPTS bogus_option=1: not carried"))
        .anyMatch(n -> n.contains("bond0: DNS1 10.0.0.53: not carried: the host's resolver"))
        .anyMatch(n -> n.contains("bond0: NAME bond0: not carried: a NetworkManager profile"))
        .anyMatch(n -> n.contains("ens1: USERCTL no: not carried"))
        .anyMatch(n -> n.contains("ens2: USERCTL no: not carried"));
  }

  @Test
  void anArpMonitoredBondGivenFileByFileWithIpv6AndAClassfulAddress() throws Exception {
    Path dir = fixture("arp-ifcfg");
    List<Path> files =
        List.of(dir.resolve("ifcfg-bond1"), dir.resolve("ifcfg-eth0"), dir.resolve("ifcfg-eth1"));
    ImportResult result = imported(files, "node-c");
    JsonNode spec = spec(result);

    JsonNode bond = spec.path("bond");
    assertThat(bond.path("name").asText()).isEqualTo("bond1");
    assertThat(bond.path("mode").asText()).isEqualTo("active-backup");
    assertThat(bond.path("primary").asText()).isEqualTo("eth0");
    assertThat(bond.path("options").path("arpInterval").asInt()).isEqualTo(1000);
    assertThat(bond.path("options").path("arpIpTargets").findValuesAsText(""))
        .isEmpty(); // an array of strings, read below
    assertThat(bond.path("options").path("arpIpTargets").toString())
        .isEqualTo("[\"192.168.1.1\",\"192.168.1.254\"]");
    assertThat(bond.path("options").path("arpValidate").asText()).isEqualTo("all");
    assertThat(spec.path("ipv4").path("addresses").path("node-c").asText())
        .isEqualTo("192.168.1.20/24");
    assertThat(spec.path("ipv6").path("mode").asText()).isEqualTo("static");
    assertThat(spec.path("ipv6").path("addresses").path("node-c").asText())
        .isEqualTo("2001:db8::20/64");
    assertThat(spec.path("ipv6").path("gateway").asText())
        .as("the %bond1 zone is the device's, which BondBridge knows")
        .isEqualTo("2001:db8::1");
    assertThat(result.notCarried())
        .singleElement()
        .asString()
        .contains("IPADDR 192.168.1.20 without PREFIX or NETMASK: /24 taken");
  }

  @Test
  void badFilesStopTheImportNamingTheLine(@TempDir Path dir) throws Exception {
    Path opts = dir.resolve("ifcfg-bond0");
    Files.writeString(opts, "DEVICE=bond0\nBONDING_OPTS=\"mode=1 miimon=1OO\"\n");
    assertThatThrownBy(() -> imported(List.of(opts), "n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(opts + ":2: BONDING_OPTS miimon=1OO: not a whole number");

    Files.writeString(opts, "DEVICE=bond0\nBONDING_OPTS=\"mode=7\"\n");
    assertThatThrownBy(() -> imported(List.of(opts), "n"))
        .hasMessage("mode 7 is not a bonding mode");

    Files.writeString(opts, "DEVICE=bond0\nifenslave bond0 eth0\n");
    assertThatThrownBy(() -> imported(List.of(opts), "n"))
        .hasMessage(opts + ":2: not a KEY=VALUE line: ifenslave bond0 eth0");

    Path plain = dir.resolve("ifcfg-eth0");
    Files.writeString(plain, "DEVICE=eth0\nBOOTPROTO=dhcp\n");
    assertThatThrownBy(() -> imported(List.of(plain), "n")).hasMessageStartingWith("no bond here");
  }

  @Test
  void theFormatIsToldFromTheContent(@TempDir Path dir) throws Exception {
    Path assignments = dir.resolve("bond0.conf");
    Files.writeString(assignments, "# a comment first\nDEVICE=bond0\n");
    Path stanzas = dir.resolve("interfaces");
    Files.writeString(stanzas, "# a comment first\nauto bond0\niface bond0 inet dhcp\n");
    assertThat(Format.of(List.of(assignments))).isEqualTo(Format.ifcfg);
    assertThat(Format.of(List.of(stanzas))).isEqualTo(Format.interfaces);
    assertThat(Format.of(List.of(fixture("seed-000-interfaces")))).isEqualTo(Format.interfaces);
    assertThat(IfcfgFiles.unquote("\"a b\"'c'd # comment")).isEqualTo("a bcd");
  }
}
