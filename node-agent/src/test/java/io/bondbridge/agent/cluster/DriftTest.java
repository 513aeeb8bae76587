package io.bondbridge.agent.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Link;
import io.bondbridge.agent.plan.AddressStep;
import io.bondbridge.agent.plan.LinkStep;
import io.bondbridge.agent.plan.Ownership;
import io.bondbridge.agent.plan.Plan;
import io.bondbridge.agent.plan.Planner;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.Ipv4Mode;
import io.bondbridge.api.v1alpha1.NodeIpv4;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What counts as drift (the real planner on hosts captured from the kernel), and its wording. */
class DriftTest {
  // seed 001's bond, its static address without the gateway (the capture has no default route)
  private static final BondBridgeNodeSpec SEED001 =
      withoutGateway(CapturedHosts.example("seed-001-active-backup.yaml", "squeeze"));
  private static final Ownership OURS = new Ownership(SEED001.bondBridge());

  @Test
  void aPulledCableAndTheFailoverItCausesAreNotDrift() {
    HostState healthy = ours(CapturedHosts.host("seed001"));
    HostState pulled = ours(CapturedHosts.host("failover")); // eth0 down, eth1 now active
    assertThat(pulled.link("eth0").map(Link::carrier)).contains(false);
    assertThat(pulled.bond("bond0").get().activePort()).isEqualTo("eth1");

    assertThat(Planner.plan(SEED001, healthy, OURS).isEmpty()).as("converged").isTrue();
    assertThat(Planner.plan(SEED001, pulled, OURS).isEmpty()).as("cable pulled").isTrue();
  }

  @Test
  void aReleasedPortIsDrift() {
    HostState healthy = ours(CapturedHosts.host("seed001"));
    java.util.List<Link> links = new java.util.ArrayList<>(healthy.links().values());
    links.replaceAll(l -> l.name().equals("eth1") ? l.withMaster(null) : l);
    HostState released =
        HostState.of(links, healthy.bonds().values(), healthy.addresses(), healthy.routes());

    assertThat(Drift.putBack(Planner.plan(SEED001, released, OURS)))
        .containsExactly("eth1 back in bond0");
  }

  /** The capture with our mark on bond0, as the agent would have left it. */
  private static HostState ours(HostState captured) {
    java.util.List<Link> links = new java.util.ArrayList<>(captured.links().values());
    links.replaceAll(l -> l.name().equals("bond0") ? l.withAlias(OURS.mark()) : l);
    return HostState.of(links, captured.bonds().values(), captured.addresses(), captured.routes());
  }

  private static BondBridgeNodeSpec withoutGateway(BondBridgeNodeSpec s) {
    return new BondBridgeNodeSpec(
        s.node(),
        s.bondBridge(),
        s.bondBridgeGeneration(),
        s.bond(),
        s.vlans(),
        s.bridge(),
        new NodeIpv4(Ipv4Mode.STATIC, s.ipv4().address(), null, null, null),
        null,
        s.probes(),
        s.cleanup(),
        null);
  }

  @Test
  void namesWhatIsPutBackNotTheStepsThatGetThere() {
    Plan plan =
        Plan.of(
            List.of(
                new LinkStep.CreateBond("bond0", Map.of("mode", "active-backup")),
                new LinkStep.SetAlias("bond0", "bondbridge:vm-uplink", null),
                new LinkStep.SetLinkState("eth0", false),
                new LinkStep.SetMaster("eth0", "bond0", null),
                new LinkStep.SetLinkState("bond0", true),
                new LinkStep.SetMaster("bond0", "br0", null),
                new LinkStep.SetLinkState("eth1", false),
                new LinkStep.SetMaster("eth1", "bond0", null)));

    assertThat(Drift.correctedMessage(plan))
        .isEqualTo(
            "put back what changed on the host: bond0 made again; eth0, eth1 back in bond0;"
                + " bond0 back in br0");
  }

  @Test
  void aBridgeSetDownAndAnAddressRemovedByHandAreNamed() {
    Plan plan =
        Plan.of(
            List.of(
                new LinkStep.SetLinkState("br0", true),
                new AddressStep.AddAddress("br0", "10.0.0.2/24")));

    assertThat(Drift.putBack(plan)).containsExactly("br0 set up", "10.0.0.2/24 back on br0");
  }
}
