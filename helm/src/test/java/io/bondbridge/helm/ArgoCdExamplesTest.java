package io.bondbridge.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** examples/argocd: what the README tells Argo CD users to apply. */
class ArgoCdExamplesTest {
  private static final Path EXAMPLES = Path.of("..", "examples", "argocd");
  private static final YAMLMapper YAML = new YAMLMapper();

  @Test
  void argocdCmPatchCarriesExactlyTheShippedScripts() throws IOException {
    JsonNode data = YAML.readTree(EXAMPLES.resolve("argocd-cm-health.yaml").toFile()).get("data");

    for (String kind :
        new String[] {
          "bondbridge.io_BondBridge",
          "bondbridge.io_BondBridgeNode",
          "bondbridge.io_BondBridgeDrill"
        }) {
      assertThat(data.get("resource.customizations.health." + kind).asText())
          .as("argocd-cm-health.yaml carries %s.lua as shipped in the chart", kind)
          .isEqualTo(Files.readString(ArgoHealth.DIR.resolve(kind + ".lua")));
    }
    assertThat(data.size()).isEqualTo(3);
  }

  @Test
  void chartApplicationInstallsThisChart() throws IOException {
    JsonNode app = YAML.readTree(EXAMPLES.resolve("bondbridge-chart.yaml").toFile());

    assertThat(app.at("/kind").asText()).isEqualTo("Application");
    assertThat(app.at("/spec/source/path").asText()).isEqualTo("helm/bondbridge");
    assertThat(
            Files.isRegularFile(
                Path.of("..").resolve(app.at("/spec/source/path").asText()).resolve("Chart.yaml")))
        .isTrue();
    // the values it sets must pass the chart's schema
    JsonNode values = app.at("/spec/source/helm/valuesObject");
    Chart.render(
        Chart.values(
            "image.registry", values.at("/image/registry").asText(),
            "metrics.serviceMonitor.enabled",
                values.at("/metrics/serviceMonitor/enabled").asBoolean()));
  }

  @Test
  void bondBridgesApplicationSyncsTheExampleFolder() throws IOException {
    JsonNode app = YAML.readTree(EXAMPLES.resolve("bondbridges.yaml").toFile());
    Path folder = Path.of("..").resolve(app.at("/spec/source/path").asText());

    assertThat(app.at("/kind").asText()).isEqualTo("Application");
    assertThat(folder.resolve("bond.yaml")).exists();
    assertThat(app.at("/spec/destination/namespace").isMissingNode()).isTrue();
  }
}
