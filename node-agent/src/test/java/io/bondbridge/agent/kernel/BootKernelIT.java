package io.bondbridge.agent.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.cli.BondBridgeCli;
import io.bondbridge.agent.exec.ProcessRunner;
import io.bondbridge.testkit.HostSnapshot;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The one-host user's boot on a real kernel: {@code bondbridge boot} applies /etc/bondbridge, a
 * reboot (the host as a fresh boot leaves it: BondBridge's devices gone, the node address back on
 * eth0) is followed by a boot that brings everything back, a second boot changes nothing, and the
 * boot after the file is removed tears down what it had made.
 */
class BootKernelIT {
  private KernelLab lab;
  private Path configDir;
  private Path stateDir;

  @BeforeEach
  void lab() throws IOException {
    lab = KernelLab.withNics(2);
    configDir = Files.createTempDirectory("etc-bondbridge-");
    stateDir = Files.createTempDirectory("var-lib-bondbridge-");
  }

  @AfterEach
  void clean() {
    lab.close();
  }

  private record Run(int exit, String out, String err) {}

  private Run boot() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        BondBridgeCli.run(
            new ProcessRunner(),
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            "boot",
            "--config-dir",
            configDir.toString(),
            "--state-dir",
            stateDir.toString(),
            "--node",
            Examples.NODE);
    return new Run(exit, out.toString(), err.toString());
  }

  private void assertUp() {
    assertThat(lab.host().links().get("eth0").master()).isEqualTo("bond0");
    assertThat(lab.host().links().get("bond0").master()).isEqualTo("br0");
    assertThat(lab.host().addressesOn("br0")).extracting(a -> a.cidr()).contains("10.0.0.2/24");
    lab.waitFor(Duration.ofSeconds(20), lab::peerReachesNode, "the peer to reach the node");
  }

  @Test
  void bootAppliesTheConfigDirAgainAfterARebootAndTearsDownARemovedFile() throws IOException {
    HostSnapshot fresh = lab.snapshot();
    Path file = configDir.resolve("uplink.yaml");
    Files.copy(Examples.examples().resolve("bond.yaml"), file);

    Run first = boot();
    assertThat(first.exit()).as("%s", first).isZero();
    assertThat(first.out()).contains("vm-uplink (" + file + "):", "applied:");
    assertUp();
    assertThat(stateDir.resolve("vm-uplink.applied.json")).exists();

    lab.restore(); // the reboot: the kernel forgets the bond, the NIC has its address again
    assertThat(lab.host().links()).doesNotContainKeys("bond0", "br0");

    Run afterReboot = boot();
    assertThat(afterReboot.exit()).as("%s", afterReboot).isZero();
    assertThat(afterReboot.out()).contains("applied:");
    assertUp();

    Run again = boot();
    assertThat(again.exit()).as("%s", again).isZero();
    assertThat(again.out()).contains("nothing to do").doesNotContain("done:");

    Files.delete(file);
    Run removed = boot();
    assertThat(removed.exit()).as("%s", removed).isZero();
    assertThat(removed.out()).contains("vm-uplink: " + file + " is gone", "deleted:");
    lab.waitFor(Duration.ofSeconds(20), lab::peerReachesNode, "the peer to reach the node");
    assertThat(lab.snapshot()).isEqualTo(fresh);
    assertThat(stateDir.resolve("vm-uplink.applied.json")).doesNotExist();

    Run empty = boot();
    assertThat(empty.exit()).as("%s", empty).isZero();
    assertThat(empty.out()).isEmpty();
  }
}
