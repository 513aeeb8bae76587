package io.bondbridge.agent.plan;

import static io.bondbridge.agent.plan.TestHosts.OWNER;
import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.host.DhcpView;
import io.bondbridge.agent.host.HostDhcpClient;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Link;
import io.bondbridge.agent.host.Route;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpecBuilder;
import io.bondbridge.api.v1alpha1.BondMode;
import io.bondbridge.api.v1alpha1.NodeIpv4;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Seed 001's {@code iface bond0 inet dhcp}, adopted: ifupdown made bond0 (eth0, eth1) and runs a
 * dhclient on it, which holds bond0's lease. Once bond0 is BondBridge's, the agent's own client
 * keeps that lease; the host's would renew it too, and the two would fight over the address (and
 * ifdown's release would take it). So the host's client is paused before the agent's starts, and
 * goes on when the BondBridge is deleted, as the ports' clients do.
 */
class AdoptedDhcpBondTest {
  private static final long IFUPDOWN_DHCLIENT = 4242;
  private static final List<String> ARGV =
      List.of(
          "/sbin/dhclient",
          "-4",
          "-v",
          "-i",
          "-pf",
          "/run/dhclient.bond0.pid",
          "-lf",
          "/var/lib/dhcp/dhclient.bond0.leases",
          "bond0");

  /** bond0 as ifupdown leaves it: no mark, a lease, its default route from the lease's router. */
  private static HostState ifupdownBond(boolean hostPid, boolean clientThere, boolean paused) {
    HostState host =
        TestHosts.host()
            .nic("eth0", "52:54:00:00:00:00")
            .nic("eth1", "52:54:00:00:00:01")
            .bond("bond0", OWNER.mark(), true, TestHosts.activeBackupOptions())
            .enslave("eth0", "bond0")
            .enslave("eth1", "bond0")
            .lease("bond0", "10.0.0.7/24")
            .route(Route.of("default", "10.0.0.1", "bond0").withProtocol("dhcp"))
            .build();
    Map<String, Link> links = new LinkedHashMap<>(host.links());
    links.put("bond0", links.get("bond0").withAlias(null));
    List<HostDhcpClient> clients =
        clientThere
            ? List.of(new HostDhcpClient(IFUPDOWN_DHCLIENT, List.of("bond0"), ARGV, paused))
            : List.of();
    return host.withLinks(links)
        .withDhcp(
            new DhcpView(
                hostPid,
                Set.of(),
                hostPid ? clients : List.of(),
                Map.of(),
                Set.of(),
                Map.of(),
                false));
  }

  private static BondBridgeNodeSpec spec() {
    BondBridgeNodeSpec spec =
        TestHosts.spec(
            TestHosts.bond("bond0", BondMode.ACTIVE_BACKUP, "eth0", "eth1"), null, NodeIpv4.dhcp());
    return new BondBridgeNodeSpecBuilder(spec).withAdopt(true).build();
  }

  private static List<String> commands(Plan plan) {
    assertThat(plan.isRefused()).as(String.join("; ", plan.refusals())).isFalse();
    return plan.steps().stream().map(Step::describe).toList();
  }

  @Test
  void adoptingPausesIfupdownsClientBeforeTheAgentsOwnKeepsTheLease() {
    List<String> commands = commands(Planner.plan(spec(), ifupdownBond(true, true, false), OWNER));

    assertThat(commands)
        .containsExactly(
            "ip link set dev bond0 alias bondbridge:vm-uplink",
            "kill -STOP 4242",
            "dhclient -4 -d -e BONDBRIDGE_ROUTER=yes bond0");
  }

  @Test
  void aPausedClientIsLeftPausedAndDeleteLetsItGoOn() {
    HostState adopted = ifupdownBond(true, true, true);
    Map<String, Link> links = new LinkedHashMap<>(adopted.links());
    links.put("bond0", links.get("bond0").withAlias(OWNER.mark()));
    HostState ours =
        adopted
            .withLinks(links)
            .withDhcp(
                new DhcpView(
                    true,
                    Set.of("bond0"),
                    adopted.dhcp().hostClients(),
                    Map.of(),
                    Set.of(),
                    Map.of(),
                    false));

    assertThat(commands(Planner.plan(spec(), ours, OWNER))).as("converged").isEmpty();

    List<String> teardown = commands(Teardown.plan(spec(), ours, OWNER));
    assertThat(teardown.get(teardown.size() - 1)).isEqualTo("kill -CONT 4242");
  }

  @Test
  void aClientTheAgentCannotSeeIsRefusedWithTheChartSettingThatShowsIt() {
    Plan plan = Planner.plan(spec(), ifupdownBond(false, true, false), OWNER);

    assertThat(plan.refusals())
        .singleElement()
        .asString()
        .contains("10.0.0.7/24 on bond0 is a lease", "agent.dhcp.hostPID=true", "is BondBridge's");
  }

  @Test
  void aLeaseNoDhclientServesIsRefused() {
    Plan plan = Planner.plan(spec(), ifupdownBond(true, false, false), OWNER);

    assertThat(plan.refusals())
        .singleElement()
        .asString()
        .contains("no dhclient serves bond0", "while bond0 is BondBridge's");
  }
}
