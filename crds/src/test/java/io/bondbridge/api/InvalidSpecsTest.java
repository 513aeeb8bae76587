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
 * file proves one rule.
 */
class InvalidSpecsTest {
  private static final Path CORPUS = Path.of("src", "test", "resources", "invalid");
  private static final String EXPECT = "# expect: ";
  private static CrdValidator validator;

  @BeforeAll
  static void loadCrd() throws IOException {
    validator = CrdValidator.forCrd(Path.of(CrdFiles.fileName("bondbridges")));
  }

  static Stream<Path> corpus() throws IOException {
    return Files.list(CORPUS).filter(p -> p.toString().endsWith(".yaml")).sorted();
  }

  @Test
  void theCorpusIsLargeEnough() throws IOException {
    assertThat(corpus().count()).isGreaterThanOrEqualTo(50);
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void rejectedWithItsMessage(Path file) throws IOException {
    String yaml = Files.readString(file);
    assertThat(yaml).as("%s must start with '%s'", file, EXPECT).startsWith(EXPECT);
    String expected = yaml.lines().findFirst().orElseThrow().substring(EXPECT.length()).trim();

    List<String> errors = validator.validateYaml(yaml);

    assertThat(errors).as(file.toString()).containsExactly(expected);
  }
}
