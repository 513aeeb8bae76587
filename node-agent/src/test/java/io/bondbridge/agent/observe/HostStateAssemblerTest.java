package io.bondbridge.agent.observe;

import static io.bondbridge.agent.observe.KernelFixtures.readings;
import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.host.Address;
import io.bondbridge.agent.host.BondPort;
import io.bondbridge.agent.host.BondState;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Link;
import io.bondbridge.agent.host.Route;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class HostStateAssemblerTest {

  static List<String> scenarios() {
    return KernelFixtures.scenarios();
  }

  @Test
  void seed000BondUnderBridgeWithTheNodeAddress() {
    HostState host = HostStateAssembler.assemble(readings("seed000"));

    BondState bond = host.bond("bond0").orElseThrow();
    assertThat(bond.mode()).isEqualTo("active-backup");
    assertThat(bond.activePort()).isEqualTo("eth0");
    assertThat(bond.miiStatus()).isEqualTo("up");
    assertThat(bond.options())
        .isEqualTo(SysfsBonding.options(KernelFixtures.sysfsFiles("seed000", "bond0")));
    assertThat(bond.ports())
        .containsExactly(
            new BondPort("eth0", "up", 0, "52:54:00:bb:00:00", 10000, "full", "active"),
            new BondPort("eth1", "up", 0, "52:54:00:bb:00:01", 10000, "full", "backup"),
            new BondPort("eth2", "up", 0, "52:54:00:bb:00:02", 10000, "full", "backup"),
            new BondPort("eth3", "up", 0, "52:54:00:bb:00:03", 10000, "full", "backup"));
    assertThat(host.portsOf("bond0"))
        .extracting(Link::name)
        .containsExactly("eth0", "eth1", "eth2", "eth3");

    assertThat(host.link("br0").orElseThrow().isBridge()).isTrue();
    assertThat(host.portsOf("br0")).extracting(Link::name).containsExactly("bond0");
    assertThat(host.addressesOn("br0"))
        .containsExactly(new Address("br0", "192.168.1.100/24", false));
    assertThat(host.routes())
        .filteredOn(Route::isDefault)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.gateway()).isEqualTo("192.168.1.1");
              assertThat(r.device()).isEqualTo("br0");
            });
  }

  @Test
  void failoverActivePortEth1AndEth0DownWithOneFailure() {
    HostState host = HostStateAssembler.assemble(readings("failover"));
    BondState bond = host.bond("bond0").orElseThrow();
    assertThat(bond.activePort()).isEqualTo("eth1");
    assertThat(bond.options()).containsEntry("primary", "eth0");
    assertThat(bond.ports())
        .containsExactly(
            new BondPort("eth0", "down", 1, "52:54:00:bb:00:00", 10000, "full", "backup"),
            new BondPort("eth1", "up", 0, "52:54:00:bb:00:01", 10000, "full", "active"));
    assertThat(bond.portsUp()).isEqualTo(1);
    assertThat(bond.linkFailures()).isEqualTo(1);
    assertThat(host.link("eth0").orElseThrow().carrier()).isFalse();
  }

  @Test
  void seed004VlansOnTheBondWithTheirAddresses() {
    HostState host = HostStateAssembler.assemble(readings("seed004"));
    assertThat(host.vlansOn("bond0"))
        .extracting(Link::name, Link::vlanId, Link::parent)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("bond0.10", 10, "bond0"),
            org.assertj.core.groups.Tuple.tuple("bond0.15", 15, "bond0"));
    assertThat(host.addressesOn("bond0.10"))
        .extracting(Address::cidr)
        .containsExactly("192.168.1.1/24");
    assertThat(host.addressesOn("bond0.15"))
        .extracting(Address::cidr)
        .containsExactly("192.168.2.1/24");
    assertThat(host.routesVia("bond0.15"))
        .extracting(Route::destination)
        .containsExactly("192.168.2.0/24");
  }

  @Test
  void seed001ArpMonitoredBond() {
    BondState bond =
        HostStateAssembler.assemble(readings("seed001-arp")).bond("bond0").orElseThrow();
    assertThat(bond.options())
        .containsEntry("arp_interval", "2000")
        .containsEntry("arp_ip_target", "192.168.11.254")
        .containsEntry("miimon", "0");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "bond0, balance-rr,    ,      eth0, eth1, active",
    "bond1, active-backup, eth2,  eth2, eth3, backup",
    "bond2, balance-xor,   ,      eth4, eth5, active",
    "bond3, broadcast,     ,      eth6, eth7, active",
    "bond4, 802.3ad,       ,      eth8, eth9, backup",
    "bond5, balance-tlb,   eth10, eth10, eth11, active",
    "bond6, balance-alb,   eth12, eth12, eth13, active"
  })
  void allSevenModes(
      String name, String mode, String active, String first, String second, String secondState) {
    HostState host = HostStateAssembler.assemble(readings("modes"));
    assertThat(host.bonds()).hasSize(7);
    BondState bond = host.bond(name).orElseThrow();
    assertThat(bond.mode()).isEqualTo(mode);
    // /proc's human mode name and sysfs's agree.
    assertThat(ProcNetBonding.parse(KernelFixtures.proc("modes", name)).mode()).isEqualTo(mode);
    assertThat(bond.activePort()).isEqualTo(active);
    assertThat(bond.miiStatus()).isEqualTo("up");
    assertThat(bond.options()).containsEntry("miimon", "100");
    assertThat(bond.ports()).extracting(BondPort::name).containsExactly(first, second);
    assertThat(bond.ports().get(0).state()).isEqualTo("active");
    // 802.3ad without a LACP partner: eth9 sits alone in an aggregator that is not the active one.
    assertThat(bond.ports().get(1).state()).isEqualTo(secondState);
    assertThat(bond.portsUp()).isEqualTo(2);
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void everyBondLinkHasABondStateWithItsPorts(String scenario) {
    HostState host = HostStateAssembler.assemble(readings(scenario));
    List<String> bondLinks =
        host.links().values().stream().filter(Link::isBond).map(Link::name).toList();
    assertThat(host.bonds().keySet()).containsExactlyInAnyOrderElementsOf(bondLinks);
    host.bonds()
        .values()
        .forEach(
            b ->
                assertThat(b.ports())
                    .extracting(BondPort::name)
                    .containsExactlyInAnyOrderElementsOf(
                        host.portsOf(b.name()).stream().map(Link::name).toList()));
  }

  @Test
  void oldKernelWithoutSysfsFallsBackToProc() {
    BondState bond =
        HostStateAssembler.bond("bond0", KernelFixtures.seed001OldProc(), null, Map.of());
    assertThat(bond.mode()).isEqualTo("active-backup");
    assertThat(bond.activePort()).isEqualTo("eth0");
    assertThat(bond.miiStatus()).isEqualTo("up");
    assertThat(bond.options())
        .containsEntry("miimon", "100")
        .containsEntry("updelay", "200")
        .containsEntry("downdelay", "200")
        .containsEntry("primary", "eth0");
    // Without info_slave_data the state follows the active port.
    assertThat(bond.ports())
        .containsExactly(
            new BondPort("eth0", "up", 0, null, null, null, "active"),
            new BondPort("eth1", "up", 0, null, null, null, "backup"));
  }

  @Test
  void withoutProcThePortsComeFromIproute() {
    HostReadings full = readings("failover");
    HostReadings noProc =
        new HostReadings(
            full.linkJson(),
            full.addrJson(),
            full.routeJson(),
            Map.of(),
            full.sysfsBonding(),
            Map.of());
    BondState bond = HostStateAssembler.assemble(noProc).bond("bond0").orElseThrow();
    assertThat(bond.activePort()).isEqualTo("eth1");
    assertThat(bond.ports())
        .containsExactly(
            new BondPort("eth0", "down", 1, "52:54:00:bb:00:00", null, null, "backup"),
            new BondPort("eth1", "up", 0, "52:54:00:bb:00:01", null, null, "active"));
  }

  @Test
  void driversAreAttachedToTheirLinks() {
    HostReadings r = readings("plain");
    HostState host =
        HostStateAssembler.assemble(
            new HostReadings(
                r.linkJson(),
                r.addrJson(),
                r.routeJson(),
                Map.of(),
                Map.of(),
                Map.of("eth0", "e1000e")));
    assertThat(host.link("eth0").orElseThrow().driver()).isEqualTo("e1000e");
    assertThat(host.link("eth1").orElseThrow().driver()).isNull();
    assertThat(host.bonds()).isEmpty();
    assertThat(host.addressesOn("eth0")).extracting(Address::cidr).containsExactly("10.0.0.2/24");
    assertThat(host.routesVia("eth0")).anyMatch(Route::isDefault);
  }
}
