package io.bondbridge.agent.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.Engine;
import io.bondbridge.agent.apply.Applier;
import io.bondbridge.agent.cli.SpecFile;
import io.bondbridge.agent.cluster.ObservedStatus;
import io.bondbridge.agent.host.LinkDns;
import io.bondbridge.agent.plan.DnsStep;
import io.bondbridge.agent.plan.Step;
import io.bondbridge.agent.safety.Verdict;
import io.bondbridge.api.v1alpha1.Bond;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatus.DnsState;
import io.bondbridge.api.v1alpha1.BondBridgeSpec;
import io.bondbridge.api.v1alpha1.BondMode;
import io.bondbridge.api.v1alpha1.BondOptions;
import io.bondbridge.api.v1alpha1.Bridge;
import io.bondbridge.api.v1alpha1.Ipv4;
import io.bondbridge.api.v1alpha1.Ipv4Mode;
import io.bondbridge.api.v1alpha1.PortSelector;
import io.bondbridge.api.v1alpha1.Probes;
import io.bondbridge.testkit.HostSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ipv4.dns on a real kernel with a real systemd-resolved (Debian's, on a system bus of the test's
 * own): applied per interface, read back into status, rolled back with the rest of a change whose
 * probe fails, given back on delete; refused, with nothing changed, where resolved is not running.
 */
class DnsKernelIT {
  private static final Ipv4.Dns DNS =
      new Ipv4.Dns(List.of("10.0.0.53", "10.0.0.54"), List.of("example.com", "lab.example"));
  private KernelLab lab;
  private ResolvedLab resolved;
  private Path stateDir;

  @BeforeEach
  void lab() throws IOException {
    lab = KernelLab.withNics(2);
    stateDir = Files.createTempDirectory("bondbridge-state");
  }

  @AfterEach
  void clean() {
    if (resolved != null) {
      resolved.close();
    }
    lab.close();
  }

  private Engine guarded() {
    return guarded(new Applier.Listener() {});
  }

  /** The guarded engine on one state dir: a later one finds what an earlier one left. */
  private Engine guarded(Applier.Listener hooks) {
    return lab.guarded(stateDir, hooks);
  }

  private static final class AgentKilled extends Error {}

  private static BondBridgeNodeSpec spec(String gateway, Ipv4.Dns dns, int timeoutSeconds) {
    Bond bond =
        new Bond(
            "bond0",
            BondMode.ACTIVE_BACKUP,
            List.of(PortSelector.byName("eth0"), PortSelector.byName("eth1")),
            "eth0",
            BondOptions.none(),
            null);
    Ipv4 ipv4 =
        new Ipv4(Ipv4Mode.STATIC, Map.of("node-a", "10.0.0.2/24"), null, gateway, null, dns);
    BondBridgeSpec spec =
        new BondBridgeSpec(
            null,
            bond,
            null,
            Bridge.named("br0"),
            ipv4,
            null,
            null,
            new Probes(timeoutSeconds, true, false, null),
            null,
            null);
    return SpecFile.resolve("dns", spec, "node-a");
  }

  /** What resolved has for br0, as resolvectl prints it. */
  private LinkDns br0() {
    return resolved.links().getOrDefault("br0", LinkDns.NONE);
  }

  @Test
  void dnsIsAppliedReadBackRolledBackWithTheChangeAndGivenBackOnDelete() {
    resolved = ResolvedLab.running();
    HostSnapshot before = lab.snapshot();

    // a first apply whose gateway does not answer: all of it undone, the name servers too
    Engine.Outcome wrong = guarded().apply(spec("10.0.0.99", DNS, 5));
    assertThat(wrong.rolledBack()).as("%s", wrong.failure()).isTrue();
    assertThat(wrong.plan().steps()).anyMatch(s -> s instanceof DnsStep.SetLinkDns);
    assertThat(wrong.verdict().hostRestored()).isTrue();
    assertThat(resolved.links()).isEmpty();
    assertThat(lab.snapshot()).isEqualTo(before);

    BondBridgeNodeSpec spec = spec("10.0.0.1", DNS, 30);
    Engine.Outcome applied = guarded().apply(spec);
    assertThat(applied.ok()).as("%s", applied.failure()).isTrue();
    LinkDns want = new LinkDns(DNS.nameservers(), DNS.search());
    assertThat(br0()).isEqualTo(want);
    assertThat(ObservedStatus.live(spec, 1, guarded().observe(), null, null, Instant.now()).dns())
        .containsExactly(new DnsState("br0", DNS.nameservers(), DNS.search()));
    assertThat(guarded().plan(spec).steps())
        .as("a converged host sets no resolver setting again")
        .noneMatch(s -> s.program().equals(DnsStep.RESOLVECTL));

    // a change of the resolver settings, the agent killed between the servers and the domains:
    // the next agent rolls it back from the checkpoint
    BondBridgeNodeSpec changed =
        spec("10.0.0.1", new Ipv4.Dns(List.of("10.0.0.99"), List.of("other.example")), 30);
    Applier.Listener killer =
        new Applier.Listener() {
          @Override
          public void afterStep(Step step) {
            if (step instanceof DnsStep.SetLinkDns) {
              throw new AgentKilled();
            }
          }
        };
    try {
      guarded(killer).apply(changed);
      throw new AssertionError("the change did not reach its resolver step");
    } catch (AgentKilled expected) {
      // no undo ran
    }
    assertThat(br0().servers()).containsExactly("10.0.0.99");
    Verdict recovered = guarded().recover(changed).orElseThrow();
    assertThat(recovered.kind()).isEqualTo(Verdict.Kind.ROLLED_BACK);
    assertThat(recovered.restoreErrors()).isEmpty();
    assertThat(br0()).isEqualTo(want);

    Engine.Outcome deleted = guarded().delete(spec);
    assertThat(deleted.ok()).as("%s", deleted.failure()).isTrue();
    assertThat(deleted.plan().steps().get(0).describe()).isEqualTo("resolvectl revert br0");
    assertThat(lab.host().link("br0")).isEmpty();
    assertThat(resolved.links()).as("no interface keeps the servers").isEmpty();
  }

  @Test
  void withoutResolvedRunningASpecWithDnsIsRefusedAndTheHostIsUnchanged() {
    resolved = ResolvedLab.busOnly();
    HostSnapshot before = lab.snapshot();

    Engine.Outcome outcome = guarded().apply(spec("10.0.0.1", DNS, 30));

    assertThat(outcome.plan().isRefused()).isTrue();
    assertThat(outcome.failure())
        .startsWith("ipv4.dns of br0 is applied per interface through systemd-resolved")
        .contains("systemd-resolved does not answer on the system bus: ")
        .contains("org.freedesktop.resolve1");
    assertThat(lab.snapshot()).isEqualTo(before);
  }
}
