package io.bondbridge.agent.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.bondbridge.agent.host.Address;
import io.bondbridge.agent.host.BondState;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Link;
import io.bondbridge.agent.host.Route;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code import --live} over a host as the observer reads it (the kernel tier reads a real one in
 * AdoptKernelIT): the kernel's defaults and the states sysfs lists beside the settings are left
 * out, a DHCP lease is {@code dhcp}, SLAAC is {@code auto}, a second bond is named.
 */
class LiveImportTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static HostState host() {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("mode", "802.3ad");
    options.put("miimon", "100");
    options.put("updelay", "0"); // the kernel's default: not written
    options.put("lacp_rate", "fast");
    options.put("xmit_hash_policy", "layer3+4");
    options.put("ad_select", "stable"); // default
    options.put("slaves", "eth0 eth1"); // a state, not a setting
    options.put("ad_actor_key", "9"); // ditto
    options.put("arp_ip_target", ""); // empty: the default
    return HostState.of(
        List.of(
            Link.named("eth0").index(2).master("bond0").mac("52:54:00:00:00:01").build(),
            Link.named("eth1").index(3).master("bond0").mac("52:54:00:00:00:02").build(),
            Link.named("bond0").index(4).kind("bond").mtu(9000).up(true).build(),
            Link.named("bond1").index(5).kind("bond").build(),
            Link.named("storage").index(6).kind("vlan").vlan("bond0", 30).mtu(9000).build()),
        List.of(new BondState("bond0", "802.3ad", options, null, "up", List.of())),
        List.of(
            new Address("bond0", "10.0.0.7/24", true),
            new Address("bond0", "2001:db8::7/64", true),
            new Address("bond0", "fe80::1/64", false),
            new Address("storage", "10.30.0.7/24", false)),
        List.of(Route.of("default", "10.0.0.1", "bond0")));
  }

  @Test
  void theKernelsBondWithoutItsDefaultsAndTheAddressesAsTheyCame() throws Exception {
    ImportResult result = ImportResult.live(host(), null, "node-a", "uplink");
    assertThat(result.refusals()).as("admitted by the CRD").isEmpty();
    JsonNode spec = YAML.readTree(result.yaml()).path("spec");

    JsonNode bond = spec.path("bond");
    assertThat(bond.path("name").asText()).isEqualTo("bond0");
    assertThat(bond.path("mode").asText()).isEqualTo("802.3ad");
    assertThat(bond.path("ports").findValuesAsText("name")).containsExactly("eth0", "eth1");
    assertThat(bond.path("mtu").asInt()).isEqualTo(9000);
    assertThat(bond.path("options"))
        .isEqualTo(YAML.readTree("{miimon: 100, lacpRate: fast, xmitHashPolicy: layer3+4}"));
    assertThat(spec.path("ipv4").path("mode").asText()).as("a lease").isEqualTo("dhcp");
    assertThat(spec.path("ipv6").path("mode").asText()).as("SLAAC").isEqualTo("auto");
    JsonNode vlan = spec.path("vlans").get(0);
    assertThat(vlan.path("id").asInt()).isEqualTo(30);
    assertThat(vlan.path("name").asText()).isEqualTo("storage");
    assertThat(vlan.path("ipv4").path("addresses").path("node-a").asText())
        .isEqualTo("10.30.0.7/24");
    assertThat(result.notCarried())
        .containsExactly("bond1: not imported (one bond a BondBridge; import --live bond1 for it)");
  }

  @Test
  void aBondNamedOrNoneAtAll() {
    assertThat(ImportResult.live(host(), "bond1", "n", null).yaml()).contains("name: bond1");
    assertThatThrownBy(() -> ImportResult.live(host(), "bond7", "n", null))
        .hasMessage("no bond bond7 here: the host has bond0, bond1");
    HostState plain =
        HostState.of(List.of(Link.named("eth0").index(2).build()), List.of(), List.of(), List.of());
    assertThatThrownBy(() -> ImportResult.live(plain, null, "n", null))
        .hasMessage("no bond here: the host has no bond device");
  }
}
