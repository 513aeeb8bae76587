package io.bondbridge.agent.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.Engine;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bonding module on a real kernel: not loaded yet (the agent loads it with max_bonds=0, so no
 * stray bond0 appears), and loaded elsewhere without max_bonds=0 (its empty balance-rr bond0 is
 * replaced by ours).
 */
class ModuleLoadingKernelIT {
  private static final Path BONDING_MASTERS = Path.of("/sys/class/net/bonding_masters");
  private KernelLab lab;

  @BeforeEach
  void lab() {
    lab = KernelLab.withNics(2);
  }

  @AfterEach
  void clean() {
    lab.close();
    // leave the module loaded (with max_bonds=0) for the tests that follow
    lab.runner.run(List.of("modprobe", "bonding", "max_bonds=0"));
  }

  private void unloadBonding() {
    lab.runner.output(List.of("rmmod", "bonding"));
    assertThat(Files.exists(BONDING_MASTERS)).isFalse();
  }

  @Test
  void loadsBondingWithoutAStrayBond0() {
    unloadBonding();
    BondBridgeNodeSpec spec = Examples.load("bond.yaml");
    Engine engine = lab.engine();

    Engine.Outcome outcome = engine.apply(spec);

    assertThat(outcome.ok()).as("%s", outcome.result()).isTrue();
    assertThat(Files.exists(BONDING_MASTERS)).isTrue();
    assertThat(lab.sysfs("bond0", "mode")).isEqualTo("active-backup 1");
    assertThat(engine.delete(spec).ok()).isTrue();
    assertThat(lab.host().links()).doesNotContainKey("bond0");
  }

  @Test
  void replacesTheEmptyBond0OfAModuleLoadedWithoutMaxBonds() {
    unloadBonding();
    lab.runner.output(List.of("modprobe", "bonding", "max_bonds=1"));
    assertThat(lab.host().links()).containsKey("bond0");
    assertThat(lab.sysfs("bond0", "mode")).isEqualTo("balance-rr 0");
    BondBridgeNodeSpec spec = Examples.load("bond.yaml");

    Engine.Outcome outcome = lab.engine().apply(spec);

    assertThat(outcome.ok()).as("%s", outcome.result()).isTrue();
    assertThat(lab.sysfs("bond0", "mode")).isEqualTo("active-backup 1");
    assertThat(lab.host().links().get("bond0").alias()).isEqualTo("bondbridge:vm-uplink");
  }
}
