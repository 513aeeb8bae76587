package io.bondbridge.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.api.v1alpha1.Bond;
import io.bondbridge.api.v1alpha1.BondBridgeSpec;
import io.bondbridge.api.v1alpha1.BondBridgeSpecBuilder;
import io.bondbridge.api.v1alpha1.BondMode;
import io.bondbridge.api.v1alpha1.Ipv4;
import io.bondbridge.api.v1alpha1.Ipv4Mode;
import io.bondbridge.api.v1alpha1.Ipv6;
import io.bondbridge.api.v1alpha1.Ipv6Mode;
import io.bondbridge.api.v1alpha1.PortSelector;
import io.bondbridge.api.v1alpha1.Vlan;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AddressAllocatorTest {
  private static BondBridgeSpec spec(Ipv4 ipv4, List<Vlan> vlans) {
    return new BondBridgeSpec(
        null,
        new Bond(
            "bond0",
            BondMode.ACTIVE_BACKUP,
            List.of(PortSelector.byName("eth0")),
            null,
            null,
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

  private static Ipv4 pool(String cidr, String range, String gateway, Map<String, String> map) {
    return new Ipv4(
        Ipv4Mode.STATIC,
        map,
        cidr == null ? null : new Ipv4.AddressPool(cidr, range),
        gateway,
        null,
        null);
  }

  @Test
  void mapFirstThenLowestFreePoolAddressSkippingNetworkGatewayAndMappedOnes() {
    var spec = spec(pool("10.1.0.0/29", null, "10.1.0.1", Map.of("m", "10.1.0.2/29")), null);
    var a = AddressAllocator.allocate(spec, List.of("z", "m", "b"), Map.of());
    assertThat(a.of("m")).containsEntry("ipv4", "10.1.0.2/29");
    assertThat(a.of("b")).containsEntry("ipv4", "10.1.0.3/29");
    assertThat(a.of("z")).containsEntry("ipv4", "10.1.0.4/29");
    assertThat(a.problems()).isEmpty();
  }

  @Test
  void anAddressANodeHasStaysEvenWhenALowerOneIsFree() {
    var spec = spec(pool("10.1.0.0/24", "10.1.0.10-10.1.0.20", null, null), null);
    var a =
        AddressAllocator.allocate(
            spec, List.of("a", "b"), Map.of("b", Map.of("ipv4", "10.1.0.15/24")));
    assertThat(a.of("b")).containsEntry("ipv4", "10.1.0.15/24");
    assertThat(a.of("a")).containsEntry("ipv4", "10.1.0.10/24");
  }

  @Test
  void addressesOfLeavingNodesStayReservedAndOutOfPoolOnesAreReplaced() {
    var spec = spec(pool("10.1.0.0/24", "10.1.0.10-10.1.0.11", null, null), null);
    var existing =
        Map.of("gone", Map.of("ipv4", "10.1.0.10/24"), "moved", Map.of("ipv4", "192.168.0.5/24"));
    var a = AddressAllocator.allocate(spec, List.of("moved", "new"), existing);
    assertThat(a.of("moved")).containsEntry("ipv4", "10.1.0.11/24");
    assertThat(a.problems()).containsOnlyKeys("new");
    assertThat(a.problems().get("new")).startsWith("AddressPoolExhausted");
  }

  @Test
  void neverTwoNodesWithOneAddress() {
    var spec = spec(pool("10.1.0.0/24", null, null, null), null);
    var existing = Map.of("a", Map.of("ipv4", "10.1.0.7/24"), "b", Map.of("ipv4", "10.1.0.7/24"));
    var a = AddressAllocator.allocate(spec, List.of("a", "b", "c"), existing);
    assertThat(a.of("a")).containsEntry("ipv4", "10.1.0.7/24");
    assertThat(List.of(a.of("a").get("ipv4"), a.of("b").get("ipv4"), a.of("c").get("ipv4")))
        .doesNotHaveDuplicates();
  }

  @Test
  void vlansHaveTheirOwnSlotsAndANodeMissingFromAMapWithoutPoolIsAProblem() {
    Vlan v =
        new Vlan(20, null, null, null, pool(null, null, null, Map.of("a", "10.20.0.5/24")), null);
    var a =
        AddressAllocator.allocate(spec(Ipv4.inherit(), List.of(v)), List.of("a", "b"), Map.of());
    assertThat(a.of("a")).containsExactly(Map.entry("vlan.20", "10.20.0.5/24"));
    assertThat(a.problems()).containsOnlyKeys("b");
    assertThat(a.addresses()).doesNotContainKey("b");
  }

  @Test
  void twoNodesMappedToOneAddressGetNoneAndEachProblemNamesBothAndTheAddress() {
    var spec =
        spec(
            pool(
                null,
                null,
                null,
                Map.of("a", "10.1.0.5/24", "b", "10.1.0.5/24", "c", "10.1.0.6/24")),
            null);
    var a = AddressAllocator.allocate(spec, List.of("a", "b", "c"), Map.of());
    assertThat(a.of("a")).isEmpty();
    assertThat(a.of("b")).isEmpty();
    assertThat(a.of("c")).containsEntry("ipv4", "10.1.0.6/24");
    assertThat(a.problems().get("a")).startsWith("DuplicateAddress: 10.1.0.5").contains("a and b");
    assertThat(a.problems().get("b")).startsWith("DuplicateAddress: 10.1.0.5").contains("b and a");
  }

  @Test
  void theNodeThatHasTheAddressKeepsItAndTheNewcomerIsRefused() {
    var spec = spec(pool(null, null, null, Map.of("a", "10.1.0.5/24", "b", "10.1.0.5/24")), null);
    var a =
        AddressAllocator.allocate(
            spec, List.of("a", "b"), Map.of("a", Map.of("ipv4", "10.1.0.5/24")));
    assertThat(a.of("a")).containsEntry("ipv4", "10.1.0.5/24");
    assertThat(a.problems()).containsOnlyKeys("b");
    assertThat(a.problems().get("b")).contains("10.1.0.5").contains("node a still has it");
  }

  @Test
  void anAddressMappedToOneNodeThatAnotherGotFromThePoolMovesThatOneFirst() {
    var spec =
        spec(pool("10.1.0.0/24", "10.1.0.10-10.1.0.20", null, Map.of("b", "10.1.0.10/24")), null);
    var a =
        AddressAllocator.allocate(
            spec, List.of("a", "b"), Map.of("a", Map.of("ipv4", "10.1.0.10/24")));
    assertThat(a.of("a")).containsEntry("ipv4", "10.1.0.11/24");
    assertThat(a.problems()).containsOnlyKeys("b");
    assertThat(a.problems().get("b")).contains("10.1.0.10").contains("node a still has it");
  }

  @Test
  void aVlanAddressOfOneNodeMappedOnTheTopInterfaceOfAnotherIsADuplicate() {
    var vlan =
        new Vlan(10, null, null, null, pool(null, null, null, Map.of("a", "10.1.0.5/24")), null);
    var spec = spec(pool(null, null, null, Map.of("b", "10.1.0.5/24")), List.of(vlan));
    var a = AddressAllocator.allocate(spec, List.of("a", "b"), Map.of());
    assertThat(a.problems()).containsOnlyKeys("a", "b");
    assertThat(a.problems().get("b")).contains("10.1.0.5 (ipv4)").contains("b and a");
  }

  private static BondBridgeSpec withIpv6(Ipv6 ipv6, List<Vlan> vlans) {
    return new BondBridgeSpecBuilder(spec(null, vlans)).withIpv6(ipv6).build();
  }

  private static Ipv6 pool6(String cidr, String gateway, Map<String, String> map) {
    return new Ipv6(
        Ipv6Mode.STATIC, map, cidr == null ? null : new Ipv6.AddressPool(cidr), gateway, null);
  }

  @Test
  void ipv6PoolHandsOutFromItsFirstAddressUpSkippingTheGatewayAndMappedOnesWrittenShort() {
    var spec = withIpv6(pool6("fd00:1::/64", "fd00:1::1", Map.of("m", "FD00:1:0::2/64")), null);
    var a = AddressAllocator.allocate(spec, List.of("z", "m", "b"), Map.of());
    assertThat(a.of("m")).containsExactly(Map.entry("ipv6", "FD00:1:0::2/64"));
    assertThat(a.of("b")).containsExactly(Map.entry("ipv6", "fd00:1::3/64"));
    assertThat(a.of("z")).containsExactly(Map.entry("ipv6", "fd00:1::4/64"));
    assertThat(a.problems()).isEmpty();
  }

  @Test
  void anIpv6AddressANodeHasStaysAndALeavingNodesStaysReserved() {
    var spec = withIpv6(pool6("2001:db8:0:1::/126", null, null), null);
    var existing =
        Map.of(
            "b", Map.of("ipv6", "2001:db8:0:1::3/126"),
            "gone", Map.of("ipv6", "2001:db8:0:1::1/126"));
    var a = AddressAllocator.allocate(spec, List.of("a", "b", "c"), existing);
    assertThat(a.of("b")).containsEntry("ipv6", "2001:db8:0:1::3/126");
    assertThat(a.of("a")).containsEntry("ipv6", "2001:db8:0:1::2/126");
    assertThat(a.problems()).containsOnlyKeys("c");
    assertThat(a.problems().get("c"))
        .isEqualTo("AddressPoolExhausted: no free address left in 2001:db8:0:1::/126 for ipv6");
  }

  @Test
  void bothFamiliesAndVlansHaveSlotsOfTheirOwnAndOneIpv6AddressForTwoNodesIsRefused() {
    var vlan =
        new Vlan(
            10,
            null,
            null,
            null,
            pool(
                null,
                null,
                null,
                Map.of("a", "10.1.0.5/24", "b", "10.1.0.6/24", "c", "10.1.0.7/24")),
            pool6(
                null,
                null,
                Map.of("a", "fd00:10::5/64", "b", "fd00:10::5/64", "c", "fd00:10::7/64")));
    var spec =
        new BondBridgeSpecBuilder(spec(pool("10.0.0.0/24", null, null, null), List.of(vlan)))
            .withIpv6(pool6("fd00::/64", null, null))
            .build();
    var a = AddressAllocator.allocate(spec, List.of("a", "b", "c"), Map.of());
    assertThat(a.of("c"))
        .containsOnly(
            Map.entry("ipv4", "10.0.0.3/24"),
            Map.entry("ipv6", "fd00::3/64"),
            Map.entry("vlan.10", "10.1.0.7/24"),
            Map.entry("vlan.10.ipv6", "fd00:10::7/64"));
    assertThat(a.problems()).containsOnlyKeys("a", "b");
    assertThat(a.problems().get("a"))
        .isEqualTo(
            "DuplicateAddress: fd00:10::5 (vlan.10.ipv6) is given to nodes a and b; no node gets it");
  }

  @Test
  void anIpv6PoolWithHostBitsIsAProblemThatNamesItsSubnet() {
    var a =
        AddressAllocator.allocate(
            withIpv6(pool6("fd00:1::5/64", null, null), null), List.of("a"), Map.of());
    assertThat(a.problems())
        .containsExactly(
            Map.entry(
                "a",
                "AddressPoolInvalid: fd00:1::5/64 has host bits set: write its subnet,"
                    + " fd00:1::/64"));
  }

  @Test
  void inheritAutoAndNoneNeedNoAddress() {
    for (Ipv6Mode mode : List.of(Ipv6Mode.INHERIT, Ipv6Mode.AUTO, Ipv6Mode.NONE)) {
      var a =
          AddressAllocator.allocate(
              withIpv6(new Ipv6(mode, null, null, null, null), null), List.of("a"), Map.of());
      assertThat(a.problems()).as(mode.toString()).isEmpty();
      assertThat(a.of("a")).as(mode.toString()).isEmpty();
    }
  }
}
