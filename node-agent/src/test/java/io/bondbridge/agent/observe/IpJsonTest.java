package io.bondbridge.agent.observe;

import static io.bondbridge.agent.observe.KernelFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bondbridge.agent.host.Address;
import io.bondbridge.agent.host.Link;
import io.bondbridge.agent.host.Route;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class IpJsonTest {

  static List<String> scenarios() {
    return KernelFixtures.scenarios();
  }

  private static Map<String, Link> links(String scenario) {
    return IpJson.links(text(scenario, "link.json")).stream()
        .collect(Collectors.toMap(Link::name, Function.identity()));
  }

  @Test
  void seed000LinksInIndexOrderWithBondPortsAndBridge() {
    List<Link> links = IpJson.links(text("seed000", "link.json"));
    assertThat(links)
        .extracting(Link::name)
        .containsExactly("lo", "eth0", "eth1", "eth2", "eth3", "bond0", "br0");
    assertThat(links).extracting(Link::index).containsExactly(1, 2, 3, 4, 5, 6, 7);

    Map<String, Link> byName = links("seed000");
    Link eth1 = byName.get("eth1");
    assertThat(eth1.kind()).isEqualTo("veth");
    assertThat(eth1.master()).isEqualTo("bond0");
    // The bond gave every port its own MAC; the NIC's own comes from info_slave_data.
    assertThat(eth1.mac()).isEqualTo("52:54:00:bb:00:00");
    assertThat(eth1.permanentMac()).isEqualTo("52:54:00:bb:00:01");
    assertThat(eth1.identityMac()).isEqualTo("52:54:00:bb:00:01");
    assertThat(eth1.adminUp()).isTrue();
    assertThat(eth1.carrier()).isTrue();
    assertThat(eth1.operState()).isEqualTo("UP");
    assertThat(eth1.mtu()).isEqualTo(1500);
    assertThat(eth1.isNic()).isTrue();
    assertThat(eth1.kindData()).isEmpty();

    Link bond = byName.get("bond0");
    assertThat(bond.isBond()).isTrue();
    assertThat(bond.master()).isEqualTo("br0");
    assertThat(bond.alias()).isEqualTo("bondbridge:vm-uplink");
    // bond0 is a bridge port: its info_slave_data is the bridge's and has no perm_hwaddr.
    assertThat(bond.permanentMac()).isNull();
    assertThat(bond.kindData())
        .containsEntry("mode", "active-backup")
        .containsEntry("active_slave", "eth0")
        .containsEntry("miimon", "100")
        .containsEntry("xmit_hash_policy", "layer2")
        .doesNotContainKey("arp_validate"); // null in the JSON

    Link br0 = byName.get("br0");
    assertThat(br0.isBridge()).isTrue();
    assertThat(br0.master()).isNull();
    assertThat(br0.kindData())
        .containsEntry("stp_state", "0")
        .containsEntry("forward_delay", "1500")
        .containsEntry("hello_timer", "0.00");

    Link lo = byName.get("lo");
    assertThat(lo.kind()).isNull();
    assertThat(lo.isNic()).isFalse();
    assertThat(lo.operState()).isEqualTo("UNKNOWN");
    assertThat(lo.mtu()).isEqualTo(65536);
  }

  @Test
  void failoverPortWithoutCarrierIsAdminUpButNotLowerUp() {
    Link eth0 = links("failover").get("eth0");
    assertThat(eth0.adminUp()).isTrue();
    assertThat(eth0.carrier()).isFalse();
    assertThat(eth0.operState()).isEqualTo("DOWN");
    assertThat(links("failover").get("eth1").carrier()).isTrue();
  }

  @Test
  void seed004VlansHaveIdAndParent() {
    Map<String, Link> byName = links("seed004");
    Link v10 = byName.get("bond0.10");
    assertThat(v10.isVlan()).isTrue();
    assertThat(v10.vlanId()).isEqualTo(10);
    assertThat(v10.parent()).isEqualTo("bond0");
    assertThat(v10.kindData())
        .containsEntry("protocol", "802.1Q")
        .containsEntry("id", "10")
        .containsEntry("flags", "REORDER_HDR");
    assertThat(byName.get("bond0.15").vlanId()).isEqualTo(15);
    assertThat(byName.get("bond0.15").parent()).isEqualTo("bond0");
    // "link" means the lower device only for VLANs; a veth's peer is not a parent.
    assertThat(byName.get("eth0").parent()).isNull();
    assertThat(byName.get("eth0").vlanId()).isNull();
  }

  @Test
  void seed001ArpBondDataJoinsTheTargetList() {
    assertThat(links("seed001-arp").get("bond0").kindData())
        .containsEntry("arp_interval", "2000")
        .containsEntry("arp_ip_target", "192.168.11.254")
        .containsEntry("miimon", "0");
  }

  @Test
  void modesHaveSevenBondsWithTheirModes() {
    Map<String, Link> byName = links("modes");
    assertThat(byName.values().stream().filter(Link::isBond).map(l -> l.kindData().get("mode")))
        .containsExactlyInAnyOrder(
            "balance-rr",
            "active-backup",
            "balance-xor",
            "broadcast",
            "802.3ad",
            "balance-tlb",
            "balance-alb");
    // 802.3ad's nested ad_info becomes dotted keys.
    assertThat(byName.get("bond4").kindData())
        .containsEntry("ad_info.aggregator", "1")
        .containsEntry("ad_info.partner_mac", "00:00:00:00:00:00")
        .containsEntry("ad_lacp_rate", "fast");
    // active_slave is reported only by modes that have one.
    assertThat(byName.get("bond0").kindData()).doesNotContainKey("active_slave");
    assertThat(byName.get("bond5").kindData()).containsEntry("active_slave", "eth10");
  }

  @Test
  void plainNicsHaveNoMasterAndNoPermanentMac() {
    assertThat(IpJson.links(text("plain", "link.json")))
        .filteredOn(Link::isNic)
        .hasSize(4)
        .allSatisfy(
            l -> {
              assertThat(l.master()).isNull();
              assertThat(l.permanentMac()).isNull();
              assertThat(l.identityMac()).isEqualTo(l.mac());
            });
  }

  @Test
  void permaddrIsThePermanentMacOfAFreeNic() {
    String json =
        """
        [{"ifindex":2,"ifname":"enp1s0","flags":["BROADCAST","MULTICAST"],"mtu":9000,
          "operstate":"DOWN","address":"02:00:00:00:00:01","permaddr":"00:15:17:aa:bb:cc"}]
        """;
    Link nic = IpJson.links(json).get(0);
    assertThat(nic.kind()).isNull();
    assertThat(nic.permanentMac()).isEqualTo("00:15:17:aa:bb:cc");
    assertThat(nic.adminUp()).isFalse();
    assertThat(nic.carrier()).isFalse();
    assertThat(nic.mtu()).isEqualTo(9000);
  }

  @Test
  void bondPortsCarryTheKernelsActiveAndBackupState() {
    Map<String, IpJson.SlaveData> seed000 = IpJson.bondPorts(text("seed000", "link.json"));
    assertThat(seed000).containsOnlyKeys("eth0", "eth1", "eth2", "eth3");
    assertThat(seed000.get("eth0").state()).isEqualTo("active");
    assertThat(seed000.get("eth2").state()).isEqualTo("backup");
    assertThat(seed000.get("eth2").bond()).isEqualTo("bond0");

    IpJson.SlaveData failed = IpJson.bondPorts(text("failover", "link.json")).get("eth0");
    assertThat(failed)
        .isEqualTo(new IpJson.SlaveData("eth0", "bond0", "backup", "down", 1, "52:54:00:bb:00:00"));

    // 802.3ad: eth9 has no LACP partner, ends up in its own aggregator and does not send.
    Map<String, IpJson.SlaveData> modes = IpJson.bondPorts(text("modes", "link.json"));
    assertThat(modes.get("eth8").state()).isEqualTo("active");
    assertThat(modes.get("eth9").state()).isEqualTo("backup");
    assertThat(modes).hasSize(14);
  }

  @Test
  void ipv4AddressesAndNoLinkLocalOnes() {
    assertThat(IpJson.addresses(text("seed000", "addr.json")))
        .containsExactly(
            new Address("lo", "127.0.0.1/8", false), new Address("br0", "192.168.1.100/24", false));
    assertThat(IpJson.addresses(text("seed004", "addr.json")))
        .contains(
            new Address("bond0.10", "192.168.1.1/24", false),
            new Address("bond0.15", "192.168.2.1/24", false))
        .noneMatch(a -> a.cidr().contains(":"));
    assertThat(IpJson.addresses(text("failover", "addr.json")))
        .contains(new Address("bond0", "192.168.188.88/24", false));
  }

  @Test
  void dualStackAddressesKeepTheirLifetimesAndFlags() {
    // captured with dnsmasq sending router advertisements for 2001:db8:1::/64 (valid 1h)
    List<Address> eth0 =
        IpJson.addresses(text("dual-stack", "addr.json")).stream()
            .filter(a -> a.device().equals("eth0"))
            .toList();
    assertThat(eth0)
        .extracting(Address::cidr)
        .containsExactly(
            "10.0.0.2/24", "2001:db8:1:0:5054:ff:febb:0/64", "fd00:1::2/64", "2001:db8:1::2/64");
    Address slaac = eth0.get(1); // EUI-64 from eth0's MAC 52:54:00:bb:00:00
    assertThat(slaac.isSlaac()).isTrue();
    assertThat(slaac.flags()).containsExactly("mngtmpaddr");
    assertThat(slaac.validLifetime()).isBetween(3000L, 3600L);
    Address managed = eth0.get(2); // as NetworkManager sets what it learned: no prefix route
    assertThat(managed.dynamic()).isTrue();
    assertThat(managed.isSlaac()).isFalse();
    assertThat(managed.settableFlags()).containsExactly("noprefixroute");
    assertThat(managed.preferredLifetime()).isLessThan(managed.validLifetime());
    Address permanent = eth0.get(3);
    assertThat(permanent).isEqualTo(new Address("eth0", "2001:db8:1::2/64", false));
    assertThat(permanent.isIpv6()).isTrue();

    Address stablePrivacy =
        IpJson.addresses(text("dual-stack", "addr.json")).stream()
            .filter(a -> a.device().equals("eth1"))
            .findFirst()
            .orElseThrow();
    assertThat(stablePrivacy.cidr()).isEqualTo("2001:db8:1:0:6b59:4fed:96ce:fd08/64");
    assertThat(stablePrivacy.flags()).containsExactly("mngtmpaddr", "stable-privacy");
    assertThat(stablePrivacy.isSlaac()).isTrue();
  }

  @Test
  void dualStackRoutesAreStaticPrefixAndRaLearned() {
    List<Route> routes = IpJson.routes(text("dual-stack", "route.json"));
    assertThat(routes)
        .contains(
            new Route("2001:db8:99::/64", "2001:db8:1::fe", "eth0", 1024, "boot", "global", null),
            new Route("2001:db8:1::/64", null, "eth0", 256, "kernel", "global", null))
        .noneMatch(r -> r.destination().startsWith("fe80:"));
    assertThat(routes.stream().filter(Route::isIpv6))
        .allSatisfy(r -> assertThat(r.device()).isNotNull());
    // a router advertisement's default route, as "ip -j route show table all" prints it (VM)
    String ra =
        """
        [{"type":"unicast","dst":"default","gateway":"fe80::5054:ff:feaa:0","dev":"eth0",
          "table":"main","protocol":"ra","scope":"global","metric":1024,"flags":[],
          "expires":1795,"metrics":[{"hoplimit":64}],"pref":"medium"}]
        """;
    Route route = IpJson.routes(ra).get(0);
    assertThat(route.isDefault()).isTrue();
    assertThat(route.isIpv6()).isTrue();
    assertThat(route.isRaLearned()).isTrue();
    assertThat(route.gateway()).isEqualTo("fe80::5054:ff:feaa:0");
  }

  @Test
  void aLeaseIsDynamic() {
    String json =
        """
        [{"ifindex":2,"ifname":"eth0","addr_info":[
          {"family":"inet","local":"10.1.2.3","prefixlen":16,"dynamic":true,
           "valid_life_time":86391,"preferred_life_time":86391},
          {"family":"inet","local":"10.9.9.9","prefixlen":32,
           "valid_life_time":600,"preferred_life_time":600},
          {"family":"inet","local":"10.0.0.5","prefixlen":24,
           "valid_life_time":4294967295,"preferred_life_time":4294967295}]}]
        """;
    assertThat(IpJson.addresses(json))
        .containsExactly(
            new Address("eth0", "10.1.2.3/16", true, 86391L, 86391L, List.of()),
            new Address("eth0", "10.9.9.9/32", true, 600L, 600L, List.of()),
            new Address("eth0", "10.0.0.5/24", false));
  }

  @Test
  void seed000RoutesAreTheDefaultViaTheGatewayAndTheConnectedNet() {
    List<Route> routes = IpJson.routes(text("seed000", "route-main.json"));
    assertThat(routes)
        .containsExactly(
            new Route("default", "192.168.1.1", "br0", null, "boot", "global", null),
            new Route("192.168.1.0/24", null, "br0", null, "kernel", "link", "192.168.1.100"));
    assertThat(routes.get(0).isDefault()).isTrue();
    assertThat(routes.get(1).isKernelMade()).isTrue();
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void everyTableDumpGivesTheMainTableRoutes(String scenario) {
    // route.json is "ip route show table all": local, broadcast, multicast, IPv6 link-local and
    // other tables drop out; route-main.json ("table main") is IPv4 only.
    assertThat(
            IpJson.routes(text(scenario, "route.json")).stream().filter(r -> !r.isIpv6()).toList())
        .isEqualTo(IpJson.routes(text(scenario, "route-main.json")));
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void everyScenarioParsesConsistently(String scenario) {
    List<Link> links = IpJson.links(text(scenario, "link.json"));
    Map<String, Link> byName = links(scenario);
    assertThat(links).isNotEmpty().allSatisfy(l -> assertThat(l.name()).isNotBlank());
    assertThat(links)
        .filteredOn(l -> l.master() != null)
        .allSatisfy(l -> assertThat(byName).containsKey(l.master()));
    assertThat(IpJson.bondPorts(text(scenario, "link.json")).values())
        .allSatisfy(s -> assertThat(byName.get(s.bond()).isBond()).isTrue());
    assertThat(IpJson.addresses(text(scenario, "addr.json")))
        .allSatisfy(a -> assertThat(byName).containsKey(a.device()));
  }

  @Test
  void multipathRouteBecomesOneRoutePerHopAndMetricIsKept() {
    String json =
        """
        [{"dst":"default","protocol":"static","metric":100,"flags":[],"nexthops":[
          {"gateway":"10.0.0.1","dev":"eth0","weight":1,"flags":[]},
          {"gateway":"10.0.1.1","dev":"eth1","weight":1,"flags":[]}]},
         {"type":"blackhole","dst":"10.99.0.0/16","protocol":"static","flags":[]}]
        """;
    assertThat(IpJson.routes(json))
        .containsExactly(
            new Route("default", "10.0.0.1", "eth0", 100, "static", null, null),
            new Route("default", "10.0.1.1", "eth1", 100, "static", null, null));
  }

  @Test
  void emptyOutputIsNothingAndGarbageIsAClearError() {
    assertThat(IpJson.links("")).isEmpty();
    assertThat(IpJson.routes("[]")).isEmpty();
    assertThatThrownBy(() -> IpJson.links("Object \"link\" is unknown"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid JSON");
    assertThatThrownBy(() -> IpJson.links("{}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no JSON array");
  }
}
