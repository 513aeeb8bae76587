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
 * NetworkManager keyfiles imported, as nmcli writes them: an LACP bond whose ports name it by UUID
 * and by interface (master and the newer controller), under a bridge with static dual-stack
 * addresses, DNS and a route, and a VLAN whose profile id is not its interface name. The output is
 * admitted by the committed CRD, and what is left out is named.
 */
class KeyfileImportTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static Path fixture(String name) throws URISyntaxException {
    return Path.of(KeyfileImportTest.class.getResource("/fixtures/import/" + name).toURI());
  }

  @Test
  void aBondUnderABridgeWithAVlanAsNmcliWritesThem() throws Exception {
    Path dir = fixture("nm-keyfiles");
    assertThat(Format.of(List.of(dir))).isEqualTo(Format.keyfile);
    ImportResult result = ImportResult.of(List.of(dir), Format.keyfile, "node-a", null);
    assertThat(result.refusals()).as("admitted by the CRD").isEmpty();
    JsonNode spec = YAML.readTree(result.yaml()).path("spec");

    JsonNode bond = spec.path("bond");
    assertThat(bond.path("name").asText()).isEqualTo("bond0");
    assertThat(bond.path("mode").asText()).isEqualTo("802.3ad");
    assertThat(bond.path("ports").findValuesAsText("name"))
        .as("one by the bond's UUID, one by its interface name")
        .containsExactly("enp1s0", "enp2s0");
    assertThat(bond.path("options").path("miimon").asInt()).isEqualTo(100);
    assertThat(bond.path("options").path("lacpRate").asText()).isEqualTo("fast");
    assertThat(bond.path("options").path("xmitHashPolicy").asText()).isEqualTo("layer2+3");

    assertThat(spec.path("bridge").path("name").asText()).isEqualTo("br0");
    assertThat(spec.path("bridge").path("stp").asBoolean(true)).isFalse();
    JsonNode ipv4 = spec.path("ipv4");
    assertThat(ipv4.path("mode").asText()).isEqualTo("static");
    assertThat(ipv4.path("addresses").path("node-a").asText()).isEqualTo("10.1.0.5/24");
    assertThat(ipv4.path("gateway").asText()).as("address1's second part").isEqualTo("10.1.0.1");
    assertThat(ipv4.path("routes").toString())
        .isEqualTo("[{\"to\":\"10.30.0.0/16\",\"via\":\"10.1.0.254\",\"metric\":100}]");
    assertThat(ipv4.path("dns").path("nameservers").toString()).isEqualTo("[\"10.1.0.53\"]");
    assertThat(ipv4.path("dns").path("search").toString()).isEqualTo("[\"example.com\"]");
    JsonNode ipv6 = spec.path("ipv6");
    assertThat(ipv6.path("addresses").path("node-a").asText()).isEqualTo("2001:db8:1::5/64");
    assertThat(ipv6.path("gateway").asText()).isEqualTo("fe80::1");

    JsonNode vlans = spec.path("vlans");
    assertThat(vlans).hasSize(1);
    assertThat(vlans.get(0).path("id").asInt()).isEqualTo(300);
    assertThat(vlans.get(0).has("name")).as("bond0.300 is the default name").isFalse();
    assertThat(vlans.get(0).path("ipv4").path("addresses").path("node-a").asText())
        .isEqualTo("10.30.0.5/24");

    assertThat(result.notCarried())
        .hasSize(4)
        .anyMatch(n -> n.contains("enp1s0: ethernet.mac-address 52:54:00:AA:BB:01: not carried"))
        .anyMatch(n -> n.contains("br0: ipv4.address2 10.1.0.6/24: not carried"))
        .anyMatch(n -> n.contains("br0: dns 2001:db8::53: not carried"))
        .anyMatch(n -> n.contains("br0: ipv6.addr-gen-mode stable-privacy: not carried"));
  }

  @Test
  void theFormatIsToldAndBadLinesOrNoBondStopTheImport(@TempDir Path dir) throws Exception {
    Path plain = dir.resolve("wired");
    Files.writeString(plain, "# hand-written\n[connection]\nid=wired\ntype=ethernet\n");
    assertThat(Format.of(List.of(plain))).isEqualTo(Format.keyfile);
    assertThatThrownBy(() -> ImportResult.of(List.of(plain), Format.keyfile, "n", null))
        .hasMessage("no bond here: no profile has type=bond");

    Path bad = dir.resolve("bond.nmconnection");
    Files.writeString(bad, "id=bond0\n[connection]\ntype=bond\n");
    assertThatThrownBy(() -> ImportResult.of(List.of(bad), Format.keyfile, "n", null))
        .hasMessage(bad + ":1: not a [section] or key=value line: id=bond0");

    Files.writeString(bad, "[connection]\ntype=bond\ninterface-name=bond0\n[bond]\nmiimon=fast\n");
    assertThatThrownBy(() -> ImportResult.of(List.of(bad), Format.keyfile, "n", null))
        .hasMessage(bad + ":5: miimon=fast: not a whole number");
  }
}
