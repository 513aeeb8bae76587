package io.bondbridge.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CLI admits like the API server: every file of the project's invalid corpus
 * (crds/src/test/resources/invalid, each with its {@code # expect:} line) is refused by every
 * file-taking command with exactly the message the CRD gives, exit 2, before anything else — the
 * host is not even read, and the state dir is not touched. The whole directory is iterated, so a
 * file added to the corpus is covered here too.
 */
class CliCorpusTest {
  private static final String CORPUS = "crds/src/test/resources/invalid";
  private static final String EXPECT = "# expect: ";
  private static final List<String> COMMANDS = List.of("plan", "apply", "delete", "rollback");

  @TempDir Path stateDir;

  /** The repository's top directory (the one holding crds/), from wherever the test runs. */
  static Path repository() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve(CORPUS))) {
        return dir;
      }
    }
    throw new IllegalStateException("no " + CORPUS + " above the working dir");
  }

  static Path corpus() {
    return repository().resolve(CORPUS);
  }

  static Stream<Path> files() throws IOException {
    return Files.list(corpus()).filter(p -> p.toString().endsWith(".yaml")).sorted();
  }

  static Stream<Arguments> everyFileByEveryCommand() throws IOException {
    return files().flatMap(f -> COMMANDS.stream().map(c -> Arguments.of(f.getFileName(), c)));
  }

  @Test
  void theCorpusIsThere() throws IOException {
    assertThat(files().count()).isGreaterThanOrEqualTo(50);
  }

  @ParameterizedTest(name = "{1} -f {0}")
  @MethodSource("everyFileByEveryCommand")
  void refusedWithTheCrdsMessageAndNothingRan(Path name, String command) throws IOException {
    Path file = corpus().resolve(name);
    String expected = Files.readString(file).lines().findFirst().orElseThrow();
    assertThat(expected).as("%s starts with '%s'", name, EXPECT).startsWith(EXPECT);
    expected = expected.substring(EXPECT.length()).trim();
    RecordingRunner host = RecordingRunner.noHost();
    Path state = stateDir.resolve("state");

    List<String> args = new ArrayList<>(List.of(command, "-f", file.toString(), "--node", "n"));
    if (!command.equals("plan")) {
      args.addAll(List.of("--state-dir", state.toString()));
    }

    CliRun run = CliRun.of(host, args.toArray(String[]::new));

    assertThat(run.exit()).as("%s", run).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "bondbridge: "
                + file
                + " is refused by the BondBridge CRD, as the API server would refuse it: "
                + expected
                + System.lineSeparator());
    assertThat(run.out()).isEmpty();
    assertThat(host.commands).as("commands run for a refused file").isEmpty();
    assertThat(state).doesNotExist();
  }
}
