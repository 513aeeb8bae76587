package io.bondbridge.agent.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.Engine;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Link;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import java.util.List;

/** Assertions the kernel tests share: applied cleanly, converged, torn down. */
final class KernelChecks {
  private KernelChecks() {}

  /** The spec was accepted and every step ran. */
  static void assertApplied(Engine.Outcome outcome) {
    assertThat(outcome.plan().refusals()).as("refusals").isEmpty();
    assertThat(outcome.result().error()).as("failed step").isNull();
  }

  /** Applies, then checks that planning again finds nothing to do (idempotency). */
  static void applyAndConverge(Engine engine, BondBridgeNodeSpec spec) {
    assertApplied(engine.apply(spec));
    assertConverged(engine, spec);
  }

  static void assertConverged(Engine engine, BondBridgeNodeSpec spec) {
    assertThat(engine.plan(spec).steps())
        .as("the plan after converging")
        .extracting(s -> s.describe())
        .isEmpty();
  }

  /** Deletes the spec's devices and checks that none is left and the ports are free and up. */
  static void tearDownAndCheck(
      KernelLab lab, Engine engine, BondBridgeNodeSpec spec, List<String> devices) {
    Engine.Outcome teardown = engine.delete(spec);
    assertThat(teardown.ok()).as("teardown %s", teardown.result()).isTrue();
    HostState after = lab.host();
    assertThat(after.links()).doesNotContainKeys(devices.toArray(String[]::new));
    assertThat(after.links().values())
        .as("devices marked as BondBridge's")
        .extracting(Link::alias)
        .noneMatch(a -> a != null && a.startsWith("bondbridge:"));
    for (var port : spec.bond().ports()) {
      Link nic = after.links().get(port.name());
      assertThat(nic.master()).as("%s master", nic.name()).isNull();
      assertThat(nic.adminUp()).as("%s up", nic.name()).isTrue();
    }
    assertThat(engine.teardownPlan(spec).steps()).as("a second teardown").isEmpty();
  }
}
