package io.bondbridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.bondbridge.admission.CrdFiles;
import io.bondbridge.admission.CrdValidator;
import io.bondbridge.api.v1alpha1.BondBridge;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example users start from is admitted by the committed CRD and reads into the Java types.
 */
class ExamplesTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static CrdValidator validator;

  @BeforeAll
  static void loadCrd() throws IOException {
    validator = CrdValidator.forCrd(Path.of(CrdFiles.fileName("bondbridges")));
  }

  static Stream<Path> examples() throws IOException {
    return Files.list(Path.of("..", "examples"))
        .filter(p -> p.toString().endsWith(".yaml"))
        .sorted();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void exampleIsAdmitted(Path example) throws IOException {
    JsonNode object = YAML.readTree(example.toFile());
    assertThat(validator.validate(object)).as(example.toString()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void exampleReadsIntoTheApiTypes(Path example) throws IOException {
    BondBridge bondBridge = Serialization.unmarshal(Files.readString(example), BondBridge.class);
    assertThat(bondBridge.getSpec().bond().name()).isNotBlank();
    assertThat(bondBridge.getSpec().bond().ports()).isNotEmpty();
    JsonNode roundTrip = YAML.valueToTree(bondBridge);
    assertThat(validator.validate(roundTrip)).as("%s after a round trip", example).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void examplesCountAsExamples(Path example) {
    assertThat(example.getFileName().toString()).matches("[a-z0-9.-]+\\.yaml");
  }
}
