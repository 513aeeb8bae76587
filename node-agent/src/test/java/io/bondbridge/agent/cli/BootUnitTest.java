package io.bondbridge.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped systemd unit (deploy/systemd/bondbridge-boot.service) and the command it runs. */
class BootUnitTest {
  private static final Path UNIT = Path.of("../deploy/systemd/bondbridge-boot.service");

  @Test
  void systemdAcceptsTheUnit() throws IOException, InterruptedException {
    Path analyze = Path.of("/usr/bin/systemd-analyze");
    assumeTrue(Files.isExecutable(analyze), "systemd-analyze is not installed");
    Process verify =
        new ProcessBuilder(analyze.toString(), "verify", UNIT.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(verify.waitFor()).as(output).isZero();
    assertThat(output).as("systemd-analyze's complaints").isBlank();
  }

  @Test
  void itRunsBootBeforeTheNetworkIsOnlineWithTheAgentsJvmFlags() throws IOException {
    List<String> lines = Files.readAllLines(UNIT);
    String exec = lines.stream().filter(l -> l.startsWith("ExecStart=")).findFirst().orElseThrow();

    assertThat(exec)
        .contains("@/usr/local/lib/bondbridge/agent.jvm")
        .endsWith(" boot --config-dir /etc/bondbridge --state-dir /var/lib/bondbridge");
    assertThat(lines)
        .contains(
            "After=networking.service",
            "Before=network-online.target network.target",
            "Type=oneshot");
    CliRun help = CliRun.of(RecordingRunner.noHost(), "help", "boot");
    assertThat(help.out()).contains("--config-dir=DIR", "--state-dir=DIR");
  }
}
