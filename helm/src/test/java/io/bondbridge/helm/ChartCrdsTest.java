package io.bondbridge.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.admission.CrdFiles;
import io.bondbridge.api.v1alpha1.BondBridge;
import io.bondbridge.api.v1alpha1.BondBridgeDrill;
import io.bondbridge.api.v1alpha1.BondBridgeNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chart installs the CRDs from its crds/ folder: byte for byte the committed crds/*.yaml, which
 * the crds module checks against the generator's output; checked here against both. After a change
 * of the API types: {@code mvn -pl crds test -Dbondbridge.updateCrds=true}, then {@code mvn -pl
 * helm test -Dbondbridge.updateCrds=true -Dtest=ChartCrdsTest} copies them into the chart.
 */
class ChartCrdsTest {
  private static final Path COMMITTED = Path.of("..", "crds");
  private static final Path CHART = Chart.DIR.resolve("crds");

  static Stream<Arguments> crds() {
    return Stream.of(
        Arguments.of(BondBridge.class, "bondbridges"),
        Arguments.of(BondBridgeNode.class, "bondbridgenodes"),
        Arguments.of(BondBridgeDrill.class, "bondbridgedrills"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("crds")
  void chartCrdIsTheGeneratedOne(Class<?> type, String plural) throws IOException {
    String file = CrdFiles.fileName(plural);
    if (Boolean.getBoolean("bondbridge.updateCrds")) {
      Files.copy(
          COMMITTED.resolve(file),
          CHART.resolve(file),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    byte[] inChart = Files.readAllBytes(CHART.resolve(file));

    assertThat(inChart)
        .as(
            "helm/bondbridge/crds/%s differs from crds/%s: run `mvn -pl helm test"
                + " -Dbondbridge.updateCrds=true -Dtest=ChartCrdsTest` and commit it",
            file, file)
        .isEqualTo(Files.readAllBytes(COMMITTED.resolve(file)));
    assertThat(new String(inChart, java.nio.charset.StandardCharsets.UTF_8))
        .as("crds/%s is not what the build generates from the Java types", file)
        .isEqualTo(CrdFiles.generated(type, plural));
  }

  @org.junit.jupiter.api.Test
  void chartShipsNoOtherCrd() throws IOException {
    try (Stream<Path> files = Files.list(CHART)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              CrdFiles.fileName("bondbridges"),
              CrdFiles.fileName("bondbridgenodes"),
              CrdFiles.fileName("bondbridgedrills"));
    }
  }
}
