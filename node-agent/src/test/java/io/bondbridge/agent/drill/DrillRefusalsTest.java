package io.bondbridge.agent.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.host.BondPort;
import io.bondbridge.agent.host.BondState;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Link;
import io.bondbridge.agent.host.Route;
import io.bondbridge.api.v1alpha1.Bond;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpecBuilder;
import io.bondbridge.api.v1alpha1.BondMode;
import io.bondbridge.api.v1alpha1.BondOptions;
import io.bondbridge.api.v1alpha1.DrillMethod;
import io.bondbridge.api.v1alpha1.PortSelector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When a drill must not start: it never takes the last path away. */
class DrillRefusalsTest {
  private static final BondBridgeNodeSpec SPEC =
      new BondBridgeNodeSpecBuilder()
          .withNode("node-a")
          .withBondBridge("uplink")
          .withBond(
              new Bond(
                  "bond0",
                  BondMode.ACTIVE_BACKUP,
                  List.of(PortSelector.byName("eth0"), PortSelector.byName("eth1")),
                  null,
                  BondOptions.none(),
                  null))
          .build();

  private static HostState host(String alias, String mode, String eth1Mii, boolean gateway) {
    Link bond = Link.named("bond0").index(4).kind("bond").up(true).alias(alias).build();
    BondState state =
        new BondState(
            "bond0",
            mode,
            Map.of("mode", mode),
            "eth0",
            "up",
            List.of(
                new BondPort("eth0", "up", 0, null, null, null, "active"),
                new BondPort("eth1", eth1Mii, 1, null, null, null, "backup")));
    List<Route> routes = gateway ? List.of(Route.of("default", "10.0.0.1", "bond0")) : List.of();
    return HostState.of(List.of(bond), List.of(state), List.of(), routes);
  }

  @Test
  void aWholeBondOfOursWithAGatewayMayBeDrilled() {
    assertThat(
            FailoverDrill.refusals(
                SPEC, host("bondbridge:uplink", "active-backup", "up", true), DrillMethod.link))
        .isEmpty();
    assertThat(
            FailoverDrill.gateway(host("bondbridge:uplink", "active-backup", "up", true), "bond0"))
        .contains("10.0.0.1");
  }

  @Test
  void aPortDownAlreadyNoGatewayAForeignBondOrAModeWithoutActivePortAreRefused() {
    assertThat(
            FailoverDrill.refusals(
                SPEC, host("bondbridge:uplink", "active-backup", "down", true), DrillMethod.link))
        .containsExactly(
            "eth1 is down already (MII status down): a drill never takes the last path away;"
                + " plug it back first");
    assertThat(FailoverDrill.refusals(SPEC, host(null, "802.3ad", "up", false), DrillMethod.active))
        .containsExactly(
            "bond0 is not BondBridge uplink's (no 'bondbridge:uplink' alias): a drill fails ports"
                + " of a bond BondBridge manages only",
            "mode 802.3ad has no active port to switch: use --method link",
            "no IPv4 default route via bond0: the drill probes the gateway, and there is none to"
                + " probe");
    assertThat(
            FailoverDrill.refusals(
                SPEC, HostState.of(List.of(), List.of(), List.of(), List.of()), DrillMethod.link))
        .containsExactly("bond0 is not on this host: apply the BondBridge first (or adopt it)");
  }
}
