package io.bondbridge.agent.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.Engine;
import io.bondbridge.agent.cli.SpecFile;
import io.bondbridge.agent.host.Address;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Route;
import io.bondbridge.api.v1alpha1.Bond;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.BondBridgeSpec;
import io.bondbridge.api.v1alpha1.BondBridgeSpecBuilder;
import io.bondbridge.api.v1alpha1.BondMode;
import io.bondbridge.api.v1alpha1.BondOptions;
import io.bondbridge.api.v1alpha1.BondOptionsBuilder;
import io.bondbridge.api.v1alpha1.Bridge;
import io.bondbridge.api.v1alpha1.Ipv4;
import io.bondbridge.api.v1alpha1.Ipv6;
import io.bondbridge.api.v1alpha1.Ipv6Mode;
import io.bondbridge.api.v1alpha1.PortSelector;
import io.bondbridge.api.v1alpha1.Probes;
import io.bondbridge.testkit.HostSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ipv6.mode static on a real kernel: the switch answers on 2001:db8:1::1 (no router advertisements,
 * so nothing but the spec puts IPv6 on the node), the peer is 2001:db8:1::3, eth0 carries the IPv4
 * node address and default route, inherited beside the static IPv6 address.
 */
class Ipv6StaticKernelIT {
  private static final String ROUTER6 = "2001:db8:1::1";
  private static final String PEER6 = "2001:db8:1::3";
  private static final String NODE6 = "2001:db8:1::10";
  private static final Duration SETTLE = Duration.ofSeconds(60);

  private KernelLab lab;
  private Path stateDir;

  @BeforeEach
  void lab() throws IOException {
    lab = KernelLab.withNics(2);
    stateDir = Files.createTempDirectory("bondbridge-state");
    lab.ip("-n", "sw", "addr", "add", ROUTER6 + "/64", "dev", "swbr", "nodad");
    lab.ip("-n", "peer", "addr", "add", PEER6 + "/64", "dev", "p0", "nodad");
  }

  @AfterEach
  void clean() {
    lab.close();
  }

  private Engine guarded() {
    return lab.guarded(stateDir);
  }

  private static BondBridgeNodeSpec spec(Bridge bridge, BondOptions options, String gateway) {
    Bond bond =
        new Bond(
            "bond0",
            BondMode.ACTIVE_BACKUP,
            List.of(PortSelector.byName("eth0"), PortSelector.byName("eth1")),
            "eth0",
            options,
            null);
    Ipv6 ipv6 =
        new Ipv6(
            Ipv6Mode.STATIC,
            Map.of("node-a", NODE6 + "/64"),
            null,
            gateway,
            List.of(new Ipv6.Route("2001:db8:99::/64", "2001:db8:1::fe", null)));
    BondBridgeSpec spec =
        new BondBridgeSpecBuilder()
            .withBond(bond)
            .withBridge(bridge)
            .withIpv4(Ipv4.inherit())
            .withIpv6(ipv6)
            .withProbes(new Probes(15, true, false, null))
            .build();
    return SpecFile.resolve("static6", spec, "node-a");
  }

  private static List<String> ipv6Addresses(HostState host) {
    return host.addresses().stream()
        .filter(Address::isIpv6)
        .map(a -> a.device() + " " + a.cidr())
        .sorted()
        .toList();
  }

  private static List<String> ipv6Routes(HostState host) {
    return host.routes().stream()
        .filter(Route::isIpv6)
        .map(r -> r.destination() + " via=" + r.gateway() + " dev=" + r.device())
        .sorted()
        .toList();
  }

  @Test
  void aWrongIpv6GatewayIsRolledBackAndTheFailureSaysWhichGatewayDidNotAnswer() {
    HostSnapshot before = HostSnapshot.read();
    List<String> addresses6 = ipv6Addresses(lab.host());
    List<String> routes6 = ipv6Routes(lab.host());

    Engine.Outcome outcome = guarded().apply(spec(Bridge.named("br0"), null, "2001:db8:1::99"));

    assertThat(outcome.ok()).isFalse();
    assertThat(outcome.failure()).contains("default gateway 2001:db8:1::99 does not answer");
    System.out.println("rolled back: " + outcome.failure());
    lab.waitFor(SETTLE, () -> HostSnapshot.read().equals(before), "the host as it was");
    assertThat(HostSnapshot.read()).isEqualTo(before);
    assertThat(ipv6Addresses(lab.host())).isEqualTo(addresses6).noneMatch(a -> a.contains(NODE6));
    assertThat(ipv6Routes(lab.host())).isEqualTo(routes6);
    assertThat(lab.peerReaches(KernelLab.NODE_IP)).isTrue();
  }

  @Test
  void aStaticIpv6AddressAnswersThePeerWithItsGatewayAndRouteAndDeleteTakesThemAway() {
    HostSnapshot before = HostSnapshot.read();
    List<String> routes6 = ipv6Routes(lab.host());

    Engine.Outcome applied = guarded().apply(spec(Bridge.named("br0"), null, ROUTER6));
    assertThat(applied.ok()).as("%s", applied.failure()).isTrue();

    lab.waitFor(SETTLE, () -> lab.peerReaches(NODE6), "the peer to reach " + NODE6);
    assertThat(lab.peerReaches(KernelLab.NODE_IP)).isTrue();
    HostState bridged = lab.host();
    assertThat(bridged.addressesOn("br0")).extracting(Address::cidr).contains(NODE6 + "/64");
    assertThat(bridged.routesVia("br0"))
        .anyMatch(r -> r.isDefault() && ROUTER6.equals(r.gateway()))
        .anyMatch(r -> r.destination().equals("2001:db8:99::/64"));

    Engine.Outcome deleted = guarded().delete(spec(Bridge.named("br0"), null, ROUTER6));
    assertThat(deleted.ok()).as("%s", deleted.failure()).isTrue();
    lab.waitFor(SETTLE, () -> HostSnapshot.read().equals(before), "the host as it was");
    assertThat(ipv6Addresses(lab.host())).noneMatch(a -> a.contains(NODE6));
    assertThat(ipv6Routes(lab.host())).isEqualTo(routes6);
    assertThat(lab.peerReaches(KernelLab.NODE_IP)).isTrue();
  }

  @Test
  void nsIp6TargetsAreSetOnTheKernelAndReadBack() {
    BondOptions options =
        new BondOptionsBuilder()
            .withArpInterval(500)
            .withArpIpTargets(List.of(KernelLab.GATEWAY))
            .withNsIp6Targets(List.of(ROUTER6, "2001:db8:1::fe"))
            .build();

    Engine.Outcome applied = guarded().apply(spec(null, options, ROUTER6));
    assertThat(applied.ok()).as("%s", applied.failure()).isTrue();

    // netlink only: kernel 6.1 has no sysfs file for it
    String details = lab.runner.output(List.of("ip", "-d", "link", "show", "dev", "bond0"));
    System.out.println("ip -d link show bond0: " + details.replace('\n', ' '));
    assertThat(details).contains("ns_ip6_target ").contains(ROUTER6).contains("2001:db8:1::fe");
    assertThat(lab.host().bond("bond0").orElseThrow().options().get("ns_ip6_target").split(" "))
        .containsExactlyInAnyOrder(ROUTER6, "2001:db8:1::fe");
    // read back as set, so the converged host plans nothing for it
    assertThat(lab.engine().plan(spec(null, options, ROUTER6)).steps())
        .noneMatch(step -> step.describe().contains("ns_ip6_target"));
    lab.waitFor(SETTLE, () -> lab.peerReaches(NODE6), "the peer to reach " + NODE6);
  }
}
