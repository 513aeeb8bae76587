package io.bondbridge.agent.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.Engine;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.testkit.HostSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A bond made by hand is never taken over, however empty and down it is: refused with the reason,
 * and the host left exactly as it was. (The one bond BondBridge replaces, the bond0 that loading
 * bonding without max_bonds=0 leaves, is ModuleLoadingKernelIT's.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForeignBondKernelIT {
  private KernelLab lab;

  @BeforeAll
  void lab() {
    lab = KernelLab.withNics(2);
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

  /** examples/bond.yaml with its bond named {@code bond}. */
  private static BondBridgeNodeSpec bondYamlNaming(String bond) {
    try {
      return Examples.fromYaml(
          Files.readString(Examples.examples().resolve("bond.yaml"))
              .replace("name: bond0", "name: " + bond));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void assertRefusedAndUntouched(BondBridgeNodeSpec spec, String reasonEnd) {
    HostSnapshot before = lab.snapshot();
    Engine engine = lab.engine();

    Engine.Outcome outcome = engine.apply(spec);

    assertThat(outcome.plan().steps()).isEmpty();
    assertThat(outcome.plan().refusals())
        .singleElement()
        .asString()
        .contains("BondBridge does not take over a device it did not create")
        .endsWith(
            reasonEnd
                + "; to take it over as it is, without a flap, set spec.adopt: true (the CLI:"
                + " --adopt)");
    assertThat(lab.snapshot()).isEqualTo(before);
  }

  @Test
  void anEmptyDownBondMadeByHandUnderAnotherNameIsRefusedAndLeftAlone() {
    lab.ip("link", "add", "bond3", "type", "bond");

    assertRefusedAndUntouched(
        bondYamlNaming("bond3"), "bond3 is not that one: it is named bond3, not bond0");
  }

  @Test
  void aBond0MadeByHandWithAnOptionTheModuleDoesNotSetIsRefusedAndLeftAlone() {
    lab.ip("link", "add", "bond0", "type", "bond", "miimon", "100");

    assertRefusedAndUntouched(
        bondYamlNaming("bond0"), "bond0 is not that one: miimon 100 (the module's is 0)");
  }
}
