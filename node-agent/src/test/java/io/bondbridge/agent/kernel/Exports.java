package io.bondbridge.agent.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

/**
 * What the tests of {@code export} on the real tools share: the export itself, seed 001's bond as a
 * tool brought it up from the files, and the plan with adopt once the tool is gone.
 */
final class Exports {
  private Exports() {}

  /** {@code bondbridge export} of the example for the lab's node, in that format, into out. */
  static void export(Path example, String format, Path out) {
    Cli.Run exported =
        Cli.exec(
            "export",
            new String[] {"-f", example.toString(), "--node", Examples.NODE},
            "--format",
            format,
            "--out",
            out.toString());
    assertThat(exported.exit()).as("%s", exported).isZero();
  }

  /** Seed 001's bond in the lab as BondBridge would make it, the default route on it. */
  static void assertSeed001Bond(KernelLab lab) {
    // the tools enslave the ports as they meet them, in no set order
    assertThat(lab.sysfs("bond0", "slaves").split(" ")).containsExactlyInAnyOrder("eth0", "eth1");
    assertThat(lab.sysfs("bond0", "mode")).startsWith("active-backup");
    assertThat(lab.sysfs("bond0", "miimon")).isEqualTo("100");
    assertThat(lab.sysfs("bond0", "updelay")).isEqualTo("200");
    assertThat(lab.sysfs("bond0", "downdelay")).isEqualTo("200");
    assertThat(lab.sysfs("bond0", "primary")).isEqualTo("eth0");
    assertThat(lab.host().routesVia("bond0"))
        .anyMatch(r -> r.isDefault() && KernelLab.GATEWAY.equals(r.gateway()));
  }

  /** The numbered steps of {@code plan --adopt} of the example, with a state dir of its own. */
  static List<String> planAdoptSteps(Path example, Path stateDir) {
    String plan =
        Cli.run(
            "plan",
            new String[] {"-f", example.toString(), "--node", Examples.NODE},
            "--adopt",
            "--state-dir",
            stateDir.toString());
    assertThat(plan).startsWith("0:");
    return plan.lines().filter(l -> l.matches(".*\\d+\\. \\S.*")).toList();
  }
}
