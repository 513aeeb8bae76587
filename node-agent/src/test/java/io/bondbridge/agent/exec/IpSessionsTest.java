package io.bondbridge.agent.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The long-lived session against a fake {@code ip} (a shell script that speaks {@code ip -batch -}
 * as iproute2 6.1 does: one JSON line per read, nothing for a change, the kernel's message and
 * {@code Command failed -:N} then exit for a failure). The fake is needed for what the kernel tier
 * cannot make happen on demand: an ip that dies or hangs. The real ip is in the kernel tier.
 */
class IpSessionsTest {
  private static final String FAKE_IP =
      """
      #!/bin/sh
      echo "$$ $*" >> "$(dirname "$0")/starts"
      if [ "$1" != "-j" ]; then echo "alone: $*" >> "$(dirname "$0")/ran"; exit 0; fi
      n=0
      while IFS= read -r line; do
        n=$((n+1))
        case "$line" in
          "route show table 4294967294") echo "[]" ;;
          "link show"*) echo "[{\\"ifname\\":\\"lo\\",\\"options\\":\\"$*\\"}]" ;;
          "addr show"*) echo "[]" ;;
          fail*) echo "RTNETLINK answers: File exists" >&2; echo "Command failed -:$n" >&2; exit 1 ;;
          stale*) if [ ! -e "$(dirname "$0")/looked-up" ]; then touch "$(dirname "$0")/looked-up"
                   echo "RTNETLINK answers: No such device" >&2; echo "Command failed -:$n" >&2; exit 1
                 fi; echo "$line" >> "$(dirname "$0")/ran" ;;
          gone*) echo "RTNETLINK answers: No such device" >&2; echo "Command failed -:$n" >&2; exit 1 ;;
          die*) echo "Error: argument \\"bogus\\" is wrong: invalid mode" >&2; exit 255 ;;
          hang*) sleep 600 ;;
          warn*) echo "Warning: noted" >&2; echo "$line" >> "$(dirname "$0")/ran" ;;
          *) echo "$line" >> "$(dirname "$0")/ran" ;;
        esac
      done
      """;

  @TempDir Path dir;
  private Path ip;
  private IpSessions sessions;

  @BeforeEach
  void fakeIp() throws IOException {
    ip = dir.resolve("ip");
    Files.writeString(ip, FAKE_IP);
    assertThat(ip.toFile().setExecutable(true)).isTrue();
    sessions = new IpSessions(new ProcessRunner(), ip.toString(), Duration.ofMillis(1500));
  }

  private List<String> ran() throws IOException {
    Path ran = dir.resolve("ran");
    return Files.exists(ran) ? Files.readAllLines(ran) : List.of();
  }

  private long starts() throws IOException {
    return Files.readAllLines(dir.resolve("starts")).size();
  }

  @Test
  void changesAreAcknowledgedOneByOneAndReadsGiveTheirJsonThroughOneProcess() throws Exception {
    List<CommandRunner.Result> first =
        sessions.run(
            List.of(
                List.of("link", "set", "dev", "eth0", "down"),
                List.of("warn", "me"),
                List.of("link", "set", "dev", "eth0", "master", "bond0")));
    List<CommandRunner.Result> second =
        sessions.run(List.of(List.of("-j", "addr", "show"), List.of("addr", "add", "x")));

    assertThat(first)
        .containsExactly(
            new CommandRunner.Result(0, "", ""),
            new CommandRunner.Result(0, "", "Warning: noted\n"),
            new CommandRunner.Result(0, "", ""));
    assertThat(second)
        .containsExactly(
            new CommandRunner.Result(0, "[]\n", ""), new CommandRunner.Result(0, "", ""));
    assertThat(ran())
        .containsExactly(
            "link set dev eth0 down", "warn me", "link set dev eth0 master bond0", "addr add x");
    assertThat(starts()).isEqualTo(1);
    assertThat(sessions.starts()).isEqualTo(1);
  }

  @Test
  void aFailureMidWriteIsTheCommandsOwnAndWhatCameAfterItNeverRuns() throws Exception {
    List<CommandRunner.Result> results =
        sessions.run(
            List.of(
                List.of("link", "set", "dev", "eth0", "down"),
                List.of("fail", "here"),
                List.of("addr", "add", "10.0.0.2/24", "dev", "br0")));

    assertThat(results).hasSize(2);
    assertThat(results.get(0).ok()).isTrue();
    assertThat(results.get(1))
        .isEqualTo(new CommandRunner.Result(1, "", "RTNETLINK answers: File exists\n"));
    assertThat(ran()).containsExactly("link set dev eth0 down");

    // ip exited at the failure: the next write starts it again
    assertThat(sessions.run(List.of(List.of("link", "set", "dev", "eth0", "up"))))
        .containsExactly(new CommandRunner.Result(0, "", ""));
    assertThat(ran()).containsExactly("link set dev eth0 down", "link set dev eth0 up");
    assertThat(starts()).isEqualTo(2);
  }

  @Test
  void noSuchDeviceFromAStaleIndexIsTriedOnceMoreOnAFreshIpWithWhatCameAfterIt() throws Exception {
    List<CommandRunner.Result> results =
        sessions.run(
            List.of(
                List.of("link", "add", "name", "bond0", "type", "bond"),
                List.of("stale", "bond0", "alias"),
                List.of("link", "set", "dev", "bond0", "up")));

    assertThat(results).hasSize(3).allMatch(CommandRunner.Result::ok);
    assertThat(ran())
        .containsExactly(
            "link add name bond0 type bond", "stale bond0 alias", "link set dev bond0 up");
    assertThat(starts()).isEqualTo(2);
  }

  @Test
  void aDeviceThatIsReallyGoneFailsAfterTheOneRetry() throws Exception {
    List<CommandRunner.Result> results =
        sessions.run(List.of(List.of("gone", "x"), List.of("link", "set", "dev", "y", "up")));

    assertThat(results)
        .containsExactly(new CommandRunner.Result(1, "", "RTNETLINK answers: No such device\n"));
    assertThat(ran()).isEmpty();
    assertThat(starts()).isEqualTo(2);
  }

  @Test
  void anIpThatDiesMidCommandFailsThatCommandWithWhatItSaidAndIsStartedAgain() throws Exception {
    List<CommandRunner.Result> results =
        sessions.run(List.of(List.of("die", "now"), List.of("link", "set", "dev", "eth1", "up")));

    assertThat(results)
        .containsExactly(
            new CommandRunner.Result(1, "", "Error: argument \"bogus\" is wrong: invalid mode"));
    assertThat(sessions.run(List.of(List.of("link", "set", "dev", "eth1", "up"))).get(0).ok())
        .isTrue();
    assertThat(ran()).containsExactly("link set dev eth1 up");
    assertThat(starts()).isEqualTo(2);
  }

  @Test
  void aHungIpIsKilledWithWhatItStartedTheCommandTimesOutAndTheNextWriteHasANewOne()
      throws Exception {
    List<CommandRunner.Result> results =
        sessions.run(
            List.of(List.of("hang", "dev", "eth0"), List.of("link", "set", "dev", "eth0", "up")));

    assertThat(results).hasSize(1);
    assertThat(results.get(0).timedOut()).isTrue();
    assertThat(results.get(0).stderr())
        .isEqualTo(ip + " hang dev eth0 did not finish within 1500ms; killed");
    long hung = Long.parseLong(Files.readAllLines(dir.resolve("starts")).get(0).split(" ")[0]);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> ProcessHandle.of(hung).map(p -> !p.isAlive()).orElse(true));

    assertThat(sessions.run(List.of(List.of("link", "set", "dev", "eth0", "up"))).get(0).ok())
        .isTrue();
    assertThat(ran()).containsExactly("link set dev eth0 up");
    assertThat(starts()).isEqualTo(2);
  }

  @Test
  void anIpKilledBetweenWritesIsStartedAgainAndTheCommandsRun() throws Exception {
    assertThat(sessions.run(List.of(List.of("link", "set", "dev", "a", "up"))).get(0).ok())
        .isTrue();
    long first = Long.parseLong(Files.readAllLines(dir.resolve("starts")).get(0).split(" ")[0]);
    ProcessHandle.of(first).orElseThrow().destroyForcibly();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> ProcessHandle.of(first).map(p -> !p.isAlive()).orElse(true));

    assertThat(sessions.run(List.of(List.of("link", "set", "dev", "b", "up"))).get(0).ok())
        .isTrue();
    assertThat(ran()).containsExactly("link set dev a up", "link set dev b up");
    assertThat(starts()).isEqualTo(2);
  }

  @Test
  void readsWithDifferentOptionsGoToTheirOwnSessionsAndComeBackInOrder() throws Exception {
    List<List<String>> observe =
        List.of(List.of("-j", "-d", "link", "show"), List.of("-j", "addr", "show"));

    List<CommandRunner.Result> results = sessions.run(observe);
    sessions.run(observe);

    assertThat(results)
        .extracting(CommandRunner.Result::stdout)
        .containsExactly("[{\"ifname\":\"lo\",\"options\":\"-j -d -batch -\"}]\n", "[]\n");
    assertThat(Files.readAllLines(dir.resolve("starts")))
        .extracting(l -> l.substring(l.indexOf(' ') + 1))
        .containsExactlyInAnyOrder("-j -d -batch -", "-j -batch -");
  }

  @Test
  void aCommandNoBatchLineCanCarryRunsAsItsOwnProcessInItsPlace() throws Exception {
    List<CommandRunner.Result> results =
        sessions.run(
            List.of(
                List.of("link", "set", "dev", "a", "up"),
                List.of("link", "set", "dev", "a", "alias", "ours # not a comment"),
                List.of("link", "set", "dev", "b", "up")));

    assertThat(results).allMatch(CommandRunner.Result::ok).hasSize(3);
    assertThat(ran())
        .containsExactly(
            "link set dev a up",
            "alone: link set dev a alias ours # not a comment",
            "link set dev b up");
  }
}
