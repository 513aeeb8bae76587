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
 * netplan imported: an Ubuntu server's /etc/netplan (LACP, a bridge with static dual-stack
 * addresses, routes and DNS, two VLANs, a later file merged in), and an ARP-monitored bond on DHCP.
 * Each gives a BondBridge the committed CRD admits, and names what it leaves out.
 */
class NetplanImportTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static Path fixture(String name) throws URISyntaxException {
    return Path.of(NetplanImportTest.class.getResource("/fixtures/import/" + name).toURI());
  }

  private static JsonNode spec(ImportResult result) throws Exception {
    assertThat(result.refusals()).as("admitted by the CRD").isEmpty();
    return YAML.readTree(result.yaml()).path("spec");
  }

  private static ImportResult imported(Path path, String node) {
    return ImportResult.of(List.of(path), Format.of(List.of(path)), node, null);
  }

  @Test
  void anUbuntuServersNetplanDirectoryWithALaterFileMergedIn() throws Exception {
    Path dir = fixture("netplan-lacp");
    assertThat(Format.of(List.of(dir))).isEqualTo(Format.netplan);
    ImportResult result = imported(dir, "node-a");
    JsonNode spec = spec(result);

    JsonNode bond = spec.path("bond");
    assertThat(bond.path("name").asText()).isEqualTo("bond0");
    assertThat(bond.path("mode").asText()).isEqualTo("802.3ad");
    assertThat(bond.path("ports").findValuesAsText("name")).containsExactly("eno1", "eno2");
    assertThat(bond.path("mtu").asInt()).isEqualTo(9000);
    JsonNode options = bond.path("options");
    assertThat(options.path("miimon").asInt()).as("1s").isEqualTo(1000);
    assertThat(options.path("lacpRate").asText()).as("02-tuning.yaml's").isEqualTo("fast");
    assertThat(options.path("updelay").asInt()).as("2000ms, from 02").isEqualTo(2000);
    assertThat(options.path("xmitHashPolicy").asText()).as("01's, kept").isEqualTo("layer3+4");

    assertThat(spec.path("bridge").path("name").asText()).isEqualTo("br0");
    assertThat(spec.path("bridge").path("stp").asBoolean(true)).isFalse();
    JsonNode ipv4 = spec.path("ipv4");
    assertThat(ipv4.path("mode").asText()).isEqualTo("static");
    assertThat(ipv4.path("addresses").path("node-a").asText()).isEqualTo("192.168.10.5/24");
    assertThat(ipv4.path("gateway").asText()).isEqualTo("192.168.10.1");
    assertThat(ipv4.path("routes").toString())
        .isEqualTo("[{\"to\":\"10.20.0.0/16\",\"via\":\"192.168.10.254\",\"metric\":50}]");
    assertThat(ipv4.path("dns").path("nameservers").toString()).isEqualTo("[\"192.168.10.53\"]");
    assertThat(ipv4.path("dns").path("search").toString()).isEqualTo("[\"example.com\"]");
    JsonNode ipv6 = spec.path("ipv6");
    assertThat(ipv6.path("mode").asText()).isEqualTo("static");
    assertThat(ipv6.path("addresses").path("node-a").asText()).isEqualTo("2001:db8:10::5/64");
    assertThat(ipv6.path("gateway").asText()).isEqualTo("fe80::1");

    JsonNode vlans = spec.path("vlans");
    assertThat(vlans).hasSize(2);
    assertThat(vlans.get(0).path("id").asInt()).isEqualTo(100);
    assertThat(vlans.get(0).path("name").asText()).isEqualTo("vlan100");
    assertThat(vlans.get(0).path("ipv4").path("addresses").path("node-a").asText())
        .isEqualTo("10.100.0.5/24");
    assertThat(vlans.get(1).path("id").asInt()).isEqualTo(200);
    assertThat(vlans.get(1).has("name")).isFalse();
    assertThat(vlans.get(1).path("ipv4").path("mode").asText()).isEqualTo("dhcp");

    assertThat(result.notCarried())
        .hasSize(4)
        .anyMatch(n -> n.contains("01-netcfg.yaml: network: renderer networkd: not carried"))
        .anyMatch(n -> n.contains("eno2: macaddress 52:54:00:12:34:56: not carried"))
        .anyMatch(n -> n.contains("addresses 192.168.10.6/24: not carried: BondBridge gives"))
        .anyMatch(n -> n.contains("nameservers 2001:db8::53: not carried"));
  }

  @Test
  void anArpMonitoredBondOnDhcpAndASecondBondNamed() throws Exception {
    ImportResult result = imported(fixture("netplan-arp.yaml"), "node-b");
    JsonNode spec = spec(result);

    JsonNode bond = spec.path("bond");
    assertThat(bond.path("name").asText()).isEqualTo("bond1");
    assertThat(bond.path("mode").asText()).isEqualTo("active-backup");
    assertThat(bond.path("primary").asText()).isEqualTo("ens3");
    assertThat(bond.path("options").path("arpInterval").asInt()).isEqualTo(1000);
    assertThat(bond.path("options").path("arpIpTargets").toString())
        .isEqualTo("[\"10.0.0.1\",\"10.0.0.254\"]");
    assertThat(bond.path("options").path("numGratArp").asInt()).isEqualTo(3);
    assertThat(spec.path("ipv4").path("mode").asText()).isEqualTo("dhcp");
    assertThat(spec.path("ipv6").path("mode").asText()).isEqualTo("auto");
    assertThat(result.notCarried())
        .hasSize(2)
        .anyMatch(n -> n.contains("bonds.bond2: not imported (one bond a BondBridge)"))
        .anyMatch(n -> n.contains("bond1: nameservers.addresses 10.0.0.53: not carried: ipv4.dns"));
  }

  @Test
  void whatIsNotNetplanOrHasNoBondIsRefusedNamingTheFile(@TempDir Path dir) throws Exception {
    Path none = dir.resolve("50-cloud-init.yaml");
    Files.writeString(none, "network:\n  version: 2\n  ethernets:\n    eth0: {dhcp4: true}\n");
    assertThat(Format.of(List.of(none))).isEqualTo(Format.netplan);
    assertThatThrownBy(() -> imported(none, "n")).hasMessageStartingWith("no bond here");

    Path notNetplan = dir.resolve("other.yaml");
    Files.writeString(notNetplan, "apiVersion: v1\nkind: ConfigMap\n");
    assertThatThrownBy(() -> ImportResult.of(List.of(notNetplan), Format.netplan, "n", null))
        .hasMessage(notNetplan + ": no network: mapping, so not netplan");

    Path bad = dir.resolve("60-bad.yaml");
    Files.writeString(
        bad,
        "network:\n  bonds:\n    bond0:\n      interfaces: [a, b]\n"
            + "      parameters: {mii-monitor-interval: 0.1s}\n");
    assertThatThrownBy(() -> imported(bad, "n")).hasMessageContaining("0.1 is not a whole number");
  }
}
