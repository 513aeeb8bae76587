package io.bondbridge.agent.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exec seam with real processes ({@code sh}, {@code sleep}): output, timeouts, following. */
class ProcessRunnerTest {

  @Test
  void aCommandsExitCodeAndBothOutputsComeBack() {
    CommandRunner.Result r =
        new ProcessRunner().run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"));

    assertThat(r).isEqualTo(new CommandRunner.Result(3, "out\n", "err\n"));
    assertThat(r.ok()).isFalse();
  }

  @Test
  void aCommandPastItsTimeoutIsKilledWithWhatItStartedAndSaysSo(@TempDir Path dir)
      throws Exception {
    Path pid = dir.resolve("sleep.pid");
    List<String> command = List.of("sh", "-c", "sleep 600 & echo $! > " + pid + "; wait");
    ProcessRunner runner = new ProcessRunner(Duration.ofMillis(700));

    CommandRunner.Result r = runner.run(command);

    assertThat(r.timedOut()).isTrue();
    assertThat(r.ok()).isFalse();
    assertThat(r.stderr())
        .isEqualTo(String.join(" ", command) + " did not finish within 700ms; killed");
    long sleep = Long.parseLong(Files.readString(pid).strip());
    await()
        .atMost(Duration.ofSeconds(5))
        .alias("the sleep the command started is killed too")
        .until(() -> ProcessHandle.of(sleep).map(p -> !p.isAlive()).orElse(true));
    assertThatThrownBy(() -> runner.output(command))
        .isInstanceOf(CommandFailedException.class)
        .hasMessage(String.join(" ", command) + " did not finish within 700ms; killed");
  }

  @Test
  void aFollowedCommandHandsBackItsLinesUntilItIsClosed() throws Exception {
    CommandRunner.Lines lines =
        new ProcessRunner().follow(List.of("sh", "-c", "echo a; echo b >&2; exec sleep 600"));

    assertThat(lines.next()).isEqualTo("a");
    assertThat(lines.next()).isEqualTo("b");
    lines.close();

    assertThat(lines.next()).isNull();
    assertThat(lines.exitCode()).isNotZero();
  }

  @Test
  void aTimeoutMustBePositive() {
    assertThatThrownBy(() -> new ProcessRunner(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive");
  }
}
