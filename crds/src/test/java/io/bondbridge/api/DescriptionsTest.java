package io.bondbridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.bondbridge.admission.CrdFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code kubectl explain} documents every field: each property in the CRDs has a description. */
class DescriptionsTest {
  private static final Set<String> STANDARD = Set.of(".apiVersion", ".kind", ".metadata");

  @ParameterizedTest
  @CsvSource({"bondbridges", "bondbridgenodes", "bondbridgedrills"})
  void everyFieldIsDescribed(String plural) throws IOException {
    JsonNode crd =
        new ObjectMapper(new YAMLFactory()).readTree(Path.of(CrdFiles.fileName(plural)).toFile());
    List<String> undocumented = new ArrayList<>();
    walk(crd.at("/spec/versions/0/schema/openAPIV3Schema"), "", undocumented);
    assertThat(undocumented).isEmpty();
  }

  private static void walk(JsonNode schema, String path, List<String> undocumented) {
    schema
        .path("properties")
        .fields()
        .forEachRemaining(
            property -> {
              String child = path + "." + property.getKey();
              if (!property.getValue().has("description") && !STANDARD.contains(child)) {
                undocumented.add(child);
              }
              walk(property.getValue(), child, undocumented);
            });
    if (schema.has("items")) {
      walk(schema.get("items"), path + "[]", undocumented);
    }
    if (schema.path("additionalProperties").isObject()) {
      walk(schema.get("additionalProperties"), path + "{}", undocumented);
    }
  }
}
