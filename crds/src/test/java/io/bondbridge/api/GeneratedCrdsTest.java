package io.bondbridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.admission.CrdFiles;
import io.bondbridge.api.v1alpha1.BondBridge;
import io.bondbridge.api.v1alpha1.BondBridgeDrill;
import io.bondbridge.api.v1alpha1.BondBridgeNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The CRD YAML committed under crds/ is exactly what the build generates from the Java types. */
class GeneratedCrdsTest {

  @ParameterizedTest
  @CsvSource({"bondbridges", "bondbridgenodes", "bondbridgedrills"})
  void committedCrdMatchesTheGeneratedOne(String plural) throws IOException {
    Class<?> type =
        switch (plural) {
          case "bondbridges" -> BondBridge.class;
          case "bondbridgenodes" -> BondBridgeNode.class;
          default -> BondBridgeDrill.class;
        };
    String generated = CrdFiles.generated(type, plural);
    Path committed = Path.of(CrdFiles.fileName(plural));
    if (Boolean.getBoolean("bondbridge.updateCrds")) {
      Files.writeString(committed, generated);
    }
    assertThat(committed).exists();
    assertThat(Files.readString(committed))
        .as(
            "%s differs from the CRD generated from the Java types; regenerate it with"
                + " `mvn -pl crds test -Dbondbridge.updateCrds=true` and commit it",
            committed.toAbsolutePath().normalize())
        .isEqualTo(generated);
  }
}
