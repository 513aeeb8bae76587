package io.bondbridge.agent.plan;

import static io.bondbridge.agent.plan.TestHosts.OWNER;
import static io.bondbridge.agent.plan.TestHosts.bond;
import static io.bondbridge.agent.plan.TestHosts.nodeWithNics;
import static io.bondbridge.agent.plan.TestHosts.spec;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bondbridge.agent.apply.Applier;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.LinkDns;
import io.bondbridge.agent.host.Resolved;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.BondMode;
import io.bondbridge.api.v1alpha1.Bridge;
import io.bondbridge.api.v1alpha1.Ipv4;
import io.bondbridge.api.v1alpha1.Ipv4Mode;
import io.bondbridge.api.v1alpha1.NodeIpv4;
import io.bondbridge.api.v1alpha1.NodeVlan;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ipv4.dns planned per interface through systemd-resolved; refused where resolved is absent. */
class DnsStepsTest {
  private static final Ipv4.Dns DNS =
      new Ipv4.Dns(List.of("10.0.0.53", "10.0.0.54"), List.of("example.com.", "lab.example"));
  private static final LinkDns APPLIED =
      new LinkDns(List.of("10.0.0.53", "10.0.0.54"), List.of("example.com", "lab.example"));

  private static BondBridgeNodeSpec staticSpec(Ipv4.Dns dns, NodeVlan... vlans) {
    return spec(
        bond("bond0", BondMode.ACTIVE_BACKUP, "eth0", "eth1"),
        Bridge.named("br0"),
        new NodeIpv4(Ipv4Mode.STATIC, "10.0.0.9/24", "10.0.0.1", null, dns),
        vlans);
  }

  /** bond0 (eth0, eth1) in br0 with 10.0.0.9/24, all ours. */
  private static HostState applied(Resolved resolved) {
    return TestHosts.host()
        .nic("eth0", "52:54:00:00:00:00")
        .nic("eth1", "52:54:00:00:00:01")
        .bond("bond0", OWNER.mark(), true, TestHosts.activeBackupOptions())
        .enslave("eth0", "bond0")
        .enslave("eth1", "bond0")
        .bridge("br0", 1500, Map.of("stp_state", "0", "forward_delay", "1500"))
        .enslave("bond0", "br0")
        .address("br0", "10.0.0.9/24")
        .build()
        .withResolved(resolved);
  }

  private static List<String> resolverCommands(Plan plan) {
    return plan.steps().stream()
        .filter(s -> s.program().equals(DnsStep.RESOLVECTL))
        .map(Step::describe)
        .toList();
  }

  @Test
  void theServersAndDomainsGoOnTheTopInterfaceOnceItIsMadeAndAddressed() {
    HostState host = nodeWithNics(2).build().withResolved(Resolved.running(Map.of()));

    Plan plan = Planner.plan(staticSpec(DNS), host, OWNER);

    List<Step> steps = plan.steps();
    assertThat(steps.subList(steps.size() - 2, steps.size()))
        .extracting(Step::describe)
        .containsExactly(
            "resolvectl dns br0 10.0.0.53 10.0.0.54",
            "resolvectl domain br0 example.com lab.example");
    assertThat(steps.get(steps.size() - 1).ipArgs())
        .containsExactly("domain", "br0", "example.com", "lab.example");
    // undone to nothing: resolvectl takes one empty argument as "reset"
    assertThat(Applier.undoOf(steps.subList(steps.size() - 2, steps.size())))
        .extracting(Step::describe)
        .containsExactly("resolvectl domain br0 ''", "resolvectl dns br0 ''");
    assertThat(new DnsStep.SetLinkDns("br0", List.of(), List.of()).ipArgs())
        .containsExactly("dns", "br0", "");
  }

  @Test
  void whatResolvedAlreadyHasIsNotSetAgainAndOnlyTheDifferenceIs() {
    assertThat(resolverCommands(Planner.plan(staticSpec(DNS), applied(running(APPLIED)), OWNER)))
        .isEmpty();

    LinkDns otherDomains = new LinkDns(APPLIED.servers(), List.of("old.example"));
    Plan plan = Planner.plan(staticSpec(DNS), applied(running(otherDomains)), OWNER);

    assertThat(resolverCommands(plan))
        .containsExactly("resolvectl domain br0 example.com lab.example");
    assertThat(Applier.undoOf(plan.steps()))
        .extracting(Step::describe)
        .contains("resolvectl domain br0 old.example");
  }

  @Test
  void dnsTakenOutOfAStaticSpecIsTakenOffTheInterface() {
    Plan plan = Planner.plan(staticSpec(null), applied(running(APPLIED)), OWNER);

    assertThat(resolverCommands(plan))
        .containsExactly("resolvectl dns br0 ''", "resolvectl domain br0 ''");
    assertThat(Applier.undoOf(plan.steps()))
        .extracting(Step::describe)
        .filteredOn(c -> c.startsWith("resolvectl"))
        .containsExactly(
            "resolvectl domain br0 example.com lab.example",
            "resolvectl dns br0 10.0.0.53 10.0.0.54");
  }

  @Test
  void anInterfaceInAnotherModeIsLeftToWhateverSetItsResolver() {
    BondBridgeNodeSpec inherit =
        spec(
            bond("bond0", BondMode.ACTIVE_BACKUP, "eth0", "eth1"),
            Bridge.named("br0"),
            NodeIpv4.inherit());

    assertThat(resolverCommands(Planner.plan(inherit, applied(running(APPLIED)), OWNER))).isEmpty();
  }

  @Test
  void aVlansDnsGoesOnItsBridge() {
    NodeVlan vlan =
        new NodeVlan(
            10,
            "bond0.10",
            null,
            Bridge.named("br10"),
            new NodeIpv4(
                Ipv4Mode.STATIC,
                "192.168.10.9/24",
                null,
                null,
                new Ipv4.Dns(List.of("192.168.10.53"), null)),
            null);
    HostState host = nodeWithNics(2).build().withResolved(Resolved.running(Map.of()));

    assertThat(resolverCommands(Planner.plan(staticSpec(null, vlan), host, OWNER)))
        .containsExactly("resolvectl dns br10 192.168.10.53");
  }

  @Test
  void withoutResolvedASpecWithDnsIsRefusedNamingWhyAndNothingIsDone() {
    String why =
        "systemd-resolved does not answer on the system bus: Failed to get global data: The name"
            + " org.freedesktop.resolve1 was not provided by any .service files";
    HostState host = nodeWithNics(2).build().withResolved(Resolved.absent(why));

    Plan plan = Planner.plan(staticSpec(DNS), host, OWNER);

    assertThat(plan.isRefused()).isTrue();
    assertThat(plan.steps()).isEmpty();
    assertThat(plan.refusals())
        .containsExactly(
            "ipv4.dns of br0 is applied per interface through systemd-resolved, which cannot"
                + " take it on this host: "
                + why
                + ". Run systemd-resolved here, or leave ipv4.dns out and give the node its name"
                + " servers the host's own way");
    // the same spec without dns needs no resolved
    assertThat(Planner.plan(staticSpec(null), host, OWNER).isRefused()).isFalse();
  }

  @Test
  void aTeardownRevertsTheInterfaceFirstAndItsUndoSetsItAgainOnTheBridgeMadeAgain() {
    Plan plan = Teardown.plan(staticSpec(DNS), applied(running(APPLIED)), OWNER);

    assertThat(plan.steps().get(0).describe()).isEqualTo("resolvectl revert br0");
    List<String> undo = Applier.undoOf(plan.steps()).stream().map(Step::describe).toList();
    assertThat(undo)
        .containsSubsequence(
            "ip link add name br0 type bridge stp_state 0 forward_delay 1500",
            "resolvectl dns br0 10.0.0.53 10.0.0.54",
            "resolvectl domain br0 example.com lab.example");
    assertThat(undo.get(undo.size() - 1))
        .isEqualTo("resolvectl domain br0 example.com lab.example");

    assertThat(
            resolverCommands(Teardown.plan(staticSpec(DNS), applied(running(LinkDns.NONE)), OWNER)))
        .isEmpty();
  }

  @Test
  void resolverStepsSurviveTheCheckpointJournal() throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<Step> steps =
        List.of(
            new DnsStep.SetLinkDns("br0", APPLIED.servers(), List.of()),
            new DnsStep.SetLinkDomains("br0", APPLIED.domains(), List.of("old.example")),
            new DnsStep.RevertLinkDns("br0", APPLIED.servers(), APPLIED.domains()));
    for (Step step : steps) {
      assertThat(json.readValue(json.writeValueAsString(step), Step.class)).isEqualTo(step);
    }
  }

  private static Resolved running(LinkDns br0) {
    return Resolved.running(br0.isEmpty() ? Map.of() : Map.of("br0", br0));
  }
}
