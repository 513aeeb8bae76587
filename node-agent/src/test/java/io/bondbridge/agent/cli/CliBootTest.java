package io.bondbridge.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bondbridge boot}'s refusals, which touch no host (what it applies and tears down on a real
 * kernel is {@code BootKernelIT}'s).
 */
class CliBootTest {
  @TempDir Path dir;
  private final RecordingRunner host = RecordingRunner.noHost();

  private CliRun boot(Path configDir) {
    return CliRun.of(
        host,
        "boot",
        "--config-dir",
        configDir.toString(),
        "--state-dir",
        dir.resolve("state").toString(),
        "--node",
        "node-a");
  }

  @Test
  void aConfigDirThatIsNotThereIsAnErrorNotAnEmptyConfig() {
    CliRun run = boot(dir.resolve("etc-bondbridge-typo"));

    assertThat(run.exit()).as("%s", run).isEqualTo(2);
    assertThat(run.err()).contains("etc-bondbridge-typo is not a directory");
    assertThat(host.commands).isEmpty();
    assertThat(dir.resolve("state")).doesNotExist();
  }

  @Test
  void aRefusedFileIsNamedAndTheRestGoesOn() throws IOException {
    Path etc = Files.createDirectories(dir.resolve("etc"));
    Files.writeString(etc.resolve("a-broken.yaml"), "kind: ConfigMap\n");
    Files.writeString(etc.resolve("notes.txt"), "not a BondBridge file, not read\n");

    CliRun run = boot(etc);

    assertThat(run.exit()).as("%s", run).isEqualTo(2);
    assertThat(run.err()).contains("a-broken.yaml holds kind ConfigMap").doesNotContain("notes");
    assertThat(host.commands).isEmpty();
  }

  @Test
  void twoFilesOfOneBondBridgeAreRefused() throws IOException {
    Path etc = Files.createDirectories(dir.resolve("etc"));
    String uplink =
        """
        apiVersion: bondbridge.io/v1alpha1
        kind: BondBridge
        metadata: {name: uplink}
        spec:
          bond: {name: bond0, mode: active-backup, ports: [{name: eth0}]}
        """;
    Files.writeString(etc.resolve("a.yaml"), uplink);
    Files.writeString(etc.resolve("b.yml"), uplink);

    CliRun run = boot(etc);

    assertThat(run.err()).contains("b.yml holds BondBridge uplink again: one file per BondBridge");
  }
}
