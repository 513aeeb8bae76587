package io.bondbridge.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CLI admits like the API server: every file of the project's invalid corpora
 * (crds/src/test/resources/invalid for BondBridges, invalid-node for BondBridgeNodes, each file
 * with its {@code # expect:} line) is refused by every file-taking command with exactly the message
 * the CRD gives, exit 2, before anything else — the host is not even read, and the state dir is not
 * touched. The directories are iterated, so a file added to a corpus is covered here too; the
 * corpus of edge cases (valid/) gets past admission to the host.
 */
class CliCorpusTest {
  private static final String CORPORA = "crds/src/test/resources";
  private static final String EXPECT = "# expect: ";
  private static final List<String> COMMANDS = List.of("plan", "apply", "delete", "rollback");
  private static final Map<String, String> KIND_BY_CORPUS =
      Map.of("invalid", "BondBridge", "invalid-node", "BondBridgeNode");

  @TempDir Path stateDir;

  /** The repository's top directory (the one holding crds/), from wherever the test runs. */
  static Path repository() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve(CORPORA).resolve("invalid"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no " + CORPORA + "/invalid above the working dir");
  }

  static Stream<Path> files(String corpus) throws IOException {
    return Files.list(repository().resolve(CORPORA).resolve(corpus))
        .filter(p -> p.toString().endsWith(".yaml"))
        .sorted();
  }

  static Stream<Arguments> everyFileByEveryCommand() throws IOException {
    Stream<Arguments> all = Stream.empty();
    for (String corpus : List.of("invalid", "invalid-node")) {
      all =
          Stream.concat(
              all,
              files(corpus)
                  .flatMap(
                      f -> COMMANDS.stream().map(c -> Arguments.of(corpus, f.getFileName(), c))));
    }
    return all;
  }

  @Test
  void theCorporaAreThere() throws IOException {
    assertThat(files("invalid").count()).isGreaterThanOrEqualTo(50);
    assertThat(files("invalid-node").count()).isGreaterThanOrEqualTo(1);
    assertThat(files("valid").count()).isGreaterThanOrEqualTo(1);
  }

  @ParameterizedTest(name = "{2} -f {0}/{1}")
  @MethodSource("everyFileByEveryCommand")
  void refusedWithTheCrdsMessageAndNothingRan(String corpus, Path name, String command)
      throws IOException {
    Path file = repository().resolve(CORPORA).resolve(corpus).resolve(name);
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
                + " is refused by the "
                + KIND_BY_CORPUS.get(corpus)
                + " CRD, as the API server would refuse it: "
                + expected
                + System.lineSeparator());
    assertThat(run.out()).isEmpty();
    assertThat(host.commands).as("commands run for a refused file").isEmpty();
    assertThat(state).doesNotExist();
  }

  @ParameterizedTest
  @MethodSource("validFiles")
  void edgeCasesGetPastAdmissionToTheHost(Path file) {
    RecordingRunner host = RecordingRunner.noHost();

    CliRun run = CliRun.of(host, "plan", "-f", file.toString(), "--node", "node-a");

    assertThat(run.err()).as("%s", run).doesNotContain("refused by");
    assertThat(host.commands).as("the host is read once admitted").isNotEmpty();
  }

  static Stream<Path> validFiles() throws IOException {
    return files("valid");
  }
}
