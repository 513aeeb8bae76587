package io.bondbridge.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.api.v1alpha1.Bond;
import io.bondbridge.api.v1alpha1.BondBridgeSpec;
import io.bondbridge.api.v1alpha1.BondMode;
import io.bondbridge.api.v1alpha1.Ipv4;
import io.bondbridge.api.v1alpha1.Ipv4Mode;
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
    Vlan v = new Vlan(20, null, null, null, pool(null, null, null, Map.of("a", "10.20.0.5/24")));
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
    var vlan = new Vlan(10, null, null, null, pool(null, null, null, Map.of("a", "10.1.0.5/24")));
    var spec = spec(pool(null, null, null, Map.of("b", "10.1.0.5/24")), List.of(vlan));
    var a = AddressAllocator.allocate(spec, List.of("a", "b"), Map.of());
    assertThat(a.problems()).containsOnlyKeys("a", "b");
    assertThat(a.problems().get("b")).contains("10.1.0.5 (ipv4)").contains("b and a");
  }
}
