package io.bondbridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.api.v1alpha1.Bond;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.BondBridgeSpec;
import io.bondbridge.api.v1alpha1.BondBridgeSpecBuilder;
import io.bondbridge.api.v1alpha1.BondMode;
import io.bondbridge.api.v1alpha1.BondOptions;
import io.bondbridge.api.v1alpha1.BondOptionsBuilder;
import io.bondbridge.api.v1alpha1.CleanupPolicy;
import io.bondbridge.api.v1alpha1.Ipv4;
import io.bondbridge.api.v1alpha1.Ipv4Mode;
import io.bondbridge.api.v1alpha1.Ipv6;
import io.bondbridge.api.v1alpha1.Ipv6Mode;
import io.bondbridge.api.v1alpha1.NodeIpv6;
import io.bondbridge.api.v1alpha1.NodeResolution;
import io.bondbridge.api.v1alpha1.PortSelector;
import io.bondbridge.api.v1alpha1.Vlan;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one per-node resolution the operator and the one-host CLI share. */
class NodeResolutionTest {
  private static BondBridgeSpec spec(BondOptions options, List<Vlan> vlans, Ipv4 ipv4) {
    return new BondBridgeSpec(
        null,
        new Bond(
            "bond0",
            BondMode.ACTIVE_BACKUP,
            List.of(PortSelector.byName("eth0")),
            null,
            options,
            null),
        vlans,
        null,
        ipv4,
        null,
        null,
        null,
        null,
        null);
  }

  private static BondOptions arp(int interval) {
    return new BondOptionsBuilder()
        .withArpInterval(interval)
        .withArpIpTargets(List.of("10.0.0.1"))
        .build();
  }

  @Test
  void noMonitorMeansMiimon100ButArpOrAnExplicitMiimonIsKept() {
    assertThat(resolve(spec(null, null, null)).bond().options().miimon()).isEqualTo(100);
    assertThat(resolve(spec(arp(2000), null, null)).bond().options().miimon()).isNull();
    assertThat(resolve(spec(arp(2000), null, null)).bond().options().arpInterval()).isEqualTo(2000);
  }

  @Test
  void vlanNamesStaticAddressesAndDefaultsAreFilledIn() {
    Vlan tagged =
        new Vlan(
            10,
            null,
            null,
            null,
            new Ipv4(
                Ipv4Mode.STATIC,
                null,
                new Ipv4.AddressPool("10.10.0.0/24", null),
                "10.10.0.1",
                null,
                null),
            null);
    Vlan named = new Vlan(20, "storage", null, null, null, null);
    Ipv4 top =
        new Ipv4(Ipv4Mode.STATIC, Map.of("n", "192.168.1.100/24"), null, "192.168.1.1", null, null);
    BondBridgeNodeSpec s =
        NodeResolution.resolve(
            "bb",
            7L,
            spec(null, List.of(tagged, named), top),
            "n",
            Map.of("ipv4", "192.168.1.100/24", "vlan.10", "10.10.0.3/24"));
    assertThat(s.node()).isEqualTo("n");
    assertThat(s.bondBridge()).isEqualTo("bb");
    assertThat(s.bondBridgeGeneration()).isEqualTo(7);
    assertThat(s.vlans()).extracting(v -> v.name()).containsExactly("bond0.10", "storage");
    assertThat(s.vlans().get(0).ipv4().address()).isEqualTo("10.10.0.3/24");
    assertThat(s.vlans().get(0).ipv4().gateway()).isEqualTo("10.10.0.1");
    assertThat(s.ipv4().address()).isEqualTo("192.168.1.100/24");
    assertThat(s.cleanup()).isEqualTo(CleanupPolicy.Restore);
    assertThat(s.probes()).isNotNull();
    assertThat(NodeResolution.addressesOf(s))
        .containsOnly(Map.entry("ipv4", "192.168.1.100/24"), Map.entry("vlan.10", "10.10.0.3/24"));
  }

  @Test
  void adoptReachesTheNodeSpecAndIsOffByDefault() {
    assertThat(resolve(spec(null, null, null)).adopts()).isFalse();
    BondBridgeSpec adopting =
        new BondBridgeSpecBuilder(spec(null, null, null)).withAdopt(true).build();
    assertThat(resolve(adopting).adopt()).isTrue();
    assertThat(resolve(adopting).adopts()).isTrue();
  }

  @Test
  void inheritIsTheDefault() {
    assertThat(resolve(spec(null, null, null)).ipv4().mode()).isEqualTo(Ipv4Mode.INHERIT);
    assertThat(resolve(spec(null, null, null)).ipv6().mode()).isEqualTo(Ipv6Mode.INHERIT);
  }

  @Test
  void ipv6IsResolvedBesideIpv4OnTheTopInterfaceAndOnVlans() {
    List<Ipv6.Route> routes = List.of(new Ipv6.Route("fd00:20::/48", "fe80::1", null));
    Vlan tagged =
        new Vlan(
            10,
            null,
            null,
            null,
            null,
            new Ipv6(
                Ipv6Mode.STATIC, null, new Ipv6.AddressPool("fd00:10::/64"), "fe80::1", routes));
    Vlan auto =
        new Vlan(20, null, null, null, null, new Ipv6(Ipv6Mode.AUTO, null, null, null, null));
    BondBridgeSpec spec =
        new BondBridgeSpecBuilder(spec(null, List.of(tagged, auto), null))
            .withIpv6(new Ipv6(Ipv6Mode.STATIC, Map.of("n", "fd00::5/64"), null, "fd00::1", null))
            .build();
    BondBridgeNodeSpec s =
        NodeResolution.resolve(
            "bb", 1L, spec, "n", Map.of("ipv6", "fd00::5/64", "vlan.10.ipv6", "fd00:10::1/64"));
    assertThat(s.ipv6()).isEqualTo(new NodeIpv6(Ipv6Mode.STATIC, "fd00::5/64", "fd00::1", null));
    assertThat(s.ipv4().mode()).isEqualTo(Ipv4Mode.INHERIT);
    assertThat(s.vlans().get(0).ipv6())
        .isEqualTo(new NodeIpv6(Ipv6Mode.STATIC, "fd00:10::1/64", "fe80::1", routes));
    assertThat(s.vlans().get(0).ipv4()).isNull();
    assertThat(s.vlans().get(1).ipv6()).isEqualTo(new NodeIpv6(Ipv6Mode.AUTO, null, null, null));
    assertThat(NodeResolution.addressesOf(s))
        .containsOnly(Map.entry("ipv6", "fd00::5/64"), Map.entry("vlan.10.ipv6", "fd00:10::1/64"));
  }

  private static BondBridgeNodeSpec resolve(BondBridgeSpec spec) {
    return NodeResolution.resolve("bb", 1L, spec, "n", Map.of());
  }
}
