package io.bondbridge.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The CRD YAML as it is committed: the generator's output with the printer columns in the order the
 * Java type declares them (the generator sorts them by JSON path, so {@code kubectl get} would show
 * AGE first).
 */
public final class CrdFiles {
  public static final String HEADER =
      "# Generated from the Java types in crds/src/main/java; do not edit.\n"
          + "# Regenerate: mvn -pl crds test -Dbondbridge.updateCrds=true\n";

  private static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR));

  private CrdFiles() {}

  /** The file name under crds/ for a plural, e.g. bondbridges.bondbridge.io.yaml. */
  public static String fileName(String plural) {
    return plural + ".bondbridge.io.yaml";
  }

  /** The CRD the build generated for this resource class, read from the class path. */
  public static String generated(Class<?> resource, String plural) {
    String resourcePath = "/META-INF/fabric8/" + plural + ".bondbridge.io-v1.yml";
    try (InputStream in = resource.getResourceAsStream(resourcePath)) {
      if (in == null) {
        throw new IllegalStateException(resourcePath + " is not on the class path: run the build");
      }
      JsonNode crd = YAML.readTree(in);
      orderPrinterColumns(resource, crd);
      return HEADER + YAML.writeValueAsString(crd);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void orderPrinterColumns(Class<?> resource, JsonNode crd) {
    List<String> declared =
        Arrays.stream(resource.getAnnotationsByType(AdditionalPrinterColumn.class))
            .map(AdditionalPrinterColumn::name)
            .toList();
    for (JsonNode version : crd.path("spec").path("versions")) {
      JsonNode columns = version.get("additionalPrinterColumns");
      if (columns == null) {
        continue;
      }
      List<JsonNode> sorted = new ArrayList<>();
      columns.forEach(sorted::add);
      sorted.sort(Comparator.comparingInt(c -> declared.indexOf(c.get("name").asText())));
      ArrayNode ordered = YAML.createArrayNode().addAll(sorted);
      ((ObjectNode) version).set("additionalPrinterColumns", ordered);
    }
  }
}
