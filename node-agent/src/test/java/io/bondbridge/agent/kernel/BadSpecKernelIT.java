package io.bondbridge.agent.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.Engine;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.testkit.HostSnapshot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Specs the planner must refuse on this host, with a reason, and without touching it: a snapshot of
 * the host before equals the snapshot after.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadSpecKernelIT {
  private KernelLab lab;
  private Engine engine;

  @BeforeAll
  void lab() {
    lab = KernelLab.withNics(2);
    engine = lab.engine();
  }

  @AfterEach
  void restore() {
    lab.restore();
  }

  @AfterAll
  void close() {
    if (lab != null) {
      lab.close();
    }
  }

  private static BondBridgeNodeSpec spec(String ports, String ipv4Mode) {
    return Examples.fromYaml(
        """
        apiVersion: bondbridge.io/v1alpha1
        kind: BondBridge
        metadata:
          name: bad
        spec:
          bond:
            name: bond0
            mode: active-backup
            ports: [%s]
          bridge: {name: br0}
          ipv4: {mode: %s}
        """
            .formatted(ports, ipv4Mode));
  }

  private static final String PORTS = "{name: eth0}, {name: eth1}";

  @Test
  void aForeignBond0MadeByHand() {
    // up, so not the pristine bond0 a module load leaves behind (that one is replaced)
    lab.ip("link", "add", "bond0", "type", "bond", "mode", "balance-rr");
    lab.ip("link", "set", "dev", "bond0", "up");

    assertRefusedUnchanged(
        spec(PORTS, "inherit"), "bond0 already exists and was not created by BondBridge");
  }

  @Test
  void aNicEnslavedToAForeignBridge() {
    lab.ip("link", "add", "brx", "type", "bridge");
    lab.ip("link", "set", "dev", "eth1", "master", "brx");

    assertRefusedUnchanged(spec(PORTS, "inherit"), "eth1 is enslaved to brx");
  }

  @Test
  void aMissingNic() {
    assertRefusedUnchanged(spec("{name: eth0}, {name: eth7}", "inherit"), "no interface eth7");
  }

  @Test
  void modeNoneWhileEth0CarriesTheDefaultRoute() {
    assertRefusedUnchanged(spec(PORTS, "none"), "eth0 carries the default route");
  }

  private void assertRefusedUnchanged(BondBridgeNodeSpec spec, String reason) {
    HostSnapshot before = lab.snapshot();

    Engine.Outcome outcome = engine.apply(spec);

    assertThat(outcome.plan().refusals()).anyMatch(r -> r.contains(reason));
    assertThat(outcome.plan().steps()).isEmpty();
    assertThat(outcome.result()).as("nothing applied").isNull();
    assertThat(lab.snapshot()).isEqualTo(before);
  }
}
