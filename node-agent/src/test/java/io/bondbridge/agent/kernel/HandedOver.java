package io.bondbridge.agent.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.Engine;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.testkit.HostSnapshot;
import java.time.Duration;
import java.util.List;

/**
 * What every test of a host's network manager checks once the manager has handed the ports over:
 * the bond survives a cable pull and plug and a restart of the manager, and delete gives the host
 * back. One flow for networkd, NetworkManager and ifupdown.
 */
final class HandedOver {
  private static final Duration SETTLE = Duration.ofSeconds(60);

  /** A step of the manager's: its restart, or what a test checks of it meanwhile. */
  @FunctionalInterface
  interface Step {
    void run() throws Exception;
  }

  private HandedOver() {}

  /** The spec refused, nothing of it run and the host as it was; the refusals. */
  static List<String> refusedUntouched(KernelLab lab, Engine engine, BondBridgeNodeSpec spec) {
    HostSnapshot before = lab.snapshot();
    Engine.Outcome refused = engine.apply(spec);
    assertThat(refused.result()).as("a result of a refused spec").isNull();
    assertThat(lab.snapshot()).as("the host after the refusal").isEqualTo(before);
    return refused.plan().refusals();
  }

  /**
   * bond.yaml's spec applied; eth1 pulled and plugged; the manager restarted by {@code restart}
   * (which returns once the manager is done with the links); then both ports up in the bond, the
   * node's address on br0 alone (none put back on a port), {@code meanwhile} checked, no link event
   * in 5 s, nothing drifted, and the peer reaching the node; delete gives back {@code before}.
   */
  static void survivesAPullAndARestart(
      KernelLab lab,
      Engine engine,
      BondBridgeNodeSpec spec,
      HostSnapshot before,
      Step restart,
      Step meanwhile)
      throws Exception {
    Engine.Outcome applied = engine.apply(spec);
    assertThat(applied.ok()).as("%s", applied.failure()).isTrue();
    lab.pull("eth1");
    lab.plug("eth1");
    restart.run();
    lab.waitFor(
        SETTLE,
        () ->
            "up".equals(lab.portSysfs("eth0", "mii_status"))
                && "up".equals(lab.portSysfs("eth1", "mii_status")),
        "both ports up in the bond again");
    assertThat(lab.sysfs("bond0", "slaves")).isEqualTo("eth0 eth1");
    assertThat(lab.holdersOf(KernelLab.NODE_CIDR))
        .as("the node's address on br0 alone, none put back on a port")
        .containsExactly("br0");
    meanwhile.run();
    assertThat(lab.linkEvents(5)).as("link events after the restart").isEmpty();
    assertThat(engine.plan(spec).isEmpty()).as("nothing drifted").isTrue();
    lab.waitFor(Duration.ofSeconds(20), lab::peerReachesNode, "the peer to reach the node");

    Engine.Outcome deleted = engine.delete(spec);
    assertThat(deleted.ok()).as("%s", deleted.failure()).isTrue();
    lab.waitFor(SETTLE, () -> lab.snapshot().equals(before), "the host as before the apply");
  }
}
