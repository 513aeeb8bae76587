package io.bondbridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.admission.CrdFiles;
import io.bondbridge.admission.CrdValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus under src/test/resources/invalid: one bad BondBridge per file, its first line {@code #
 * expect: <message>}. Each must be rejected at admission with exactly that one message, so every
 * file proves one rule. invalid-node holds the same for BondBridgeNodes (the operator's and the
 * agents' writes), whose CRD carries the same bounds; valid holds edge cases every rule must admit.
 */
class InvalidSpecsTest {
  private static final Path RESOURCES = Path.of("src", "test", "resources");
  private static final String EXPECT = "# expect: ";
  private static CrdValidator bondBridges;
  private static CrdValidator bondBridgeNodes;

  @BeforeAll
  static void loadCrds() throws IOException {
    bondBridges = CrdValidator.forCrd(Path.of(CrdFiles.fileName("bondbridges")));
    bondBridgeNodes = CrdValidator.forCrd(Path.of(CrdFiles.fileName("bondbridgenodes")));
  }

  static Stream<Path> corpus() throws IOException {
    return yamlFiles("invalid");
  }

  static Stream<Path> nodeCorpus() throws IOException {
    return yamlFiles("invalid-node");
  }

  static Stream<Path> admitted() throws IOException {
    return yamlFiles("valid");
  }

  private static Stream<Path> yamlFiles(String folder) throws IOException {
    return Files.list(RESOURCES.resolve(folder))
        .filter(p -> p.toString().endsWith(".yaml"))
        .sorted();
  }

  @Test
  void theCorpusIsLargeEnough() throws IOException {
    assertThat(corpus().count()).isGreaterThanOrEqualTo(140);
    assertThat(nodeCorpus().count()).isGreaterThanOrEqualTo(13);
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void rejectedWithItsMessage(Path file) throws IOException {
    assertRejectedAsExpected(bondBridges, file);
  }

  @ParameterizedTest
  @MethodSource("nodeCorpus")
  void bondBridgeNodeRejectedWithItsMessage(Path file) throws IOException {
    assertRejectedAsExpected(bondBridgeNodes, file);
  }

  @ParameterizedTest
  @MethodSource("admitted")
  void edgeCasesAreAdmitted(Path file) throws IOException {
    assertThat(bondBridges.validateYaml(Files.readString(file))).as(file.toString()).isEmpty();
  }

  private static void assertRejectedAsExpected(CrdValidator validator, Path file)
      throws IOException {
    String yaml = Files.readString(file);
    assertThat(yaml).as("%s must start with '%s'", file, EXPECT).startsWith(EXPECT);
    String expected = yaml.lines().findFirst().orElseThrow().substring(EXPECT.length()).trim();

    List<String> errors = validator.validateYaml(yaml);

    assertThat(errors).as(file.toString()).containsExactly(expected);
  }
}
