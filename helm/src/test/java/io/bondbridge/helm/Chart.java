package io.bondbridge.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The chart in helm/bondbridge, rendered offline by the Helm library embedded in helm-java. */
final class Chart {
  /** Surefire runs in the module directory, helm/. */
  static final Path DIR = Path.of("bondbridge");

  static final String RELEASE = "bondbridge";
  static final String NAMESPACE = "bondbridge-system";

  /** Offline, helm template assumes Kubernetes 1.20; the chart needs 1.25 (CEL in the CRDs). */
  static final String KUBE_VERSION = "1.31.0";

  private static final YAMLMapper YAML = new YAMLMapper();

  private Chart() {}

  static Helm helm() {
    return new Helm(DIR);
  }

  /** {@code helm template bondbridge helm/bondbridge -n bondbridge-system --set k=v ...}. */
  static Manifests render(Map<String, Object> sets) {
    return render(KUBE_VERSION, sets);
  }

  /** As {@link #render(Map)}, for a cluster of this Kubernetes version. */
  static Manifests render(String kubeVersion, Map<String, Object> sets) {
    TemplateCommand template =
        helm().template().withName(RELEASE).withNamespace(NAMESPACE).withKubeVersion(kubeVersion);
    sets.forEach(template::set);
    return Manifests.parse(template.call());
  }

  static Manifests render() {
    return render(Map.of());
  }

  static Map<String, Object> values(Object... keysAndValues) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      values.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return values;
  }

  /** The rendered objects, by kind and name. */
  record Manifests(String text, List<JsonNode> objects) {
    static Manifests parse(String text) {
      List<JsonNode> objects = new ArrayList<>();
      try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(text)) {
        while (docs.hasNext()) {
          JsonNode doc = docs.next();
          if (doc != null && !doc.isNull() && !doc.isEmpty()) {
            objects.add(doc);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new Manifests(text, objects);
    }

    Stream<JsonNode> ofKind(String kind) {
      return objects.stream().filter(o -> kind.equals(o.path("kind").asText()));
    }

    JsonNode get(String kind, String name) {
      return ofKind(kind)
          .filter(o -> name.equals(o.path("metadata").path("name").asText()))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " rendered"));
    }

    <T> T get(String kind, String name, Class<T> type) {
      return Serialization.jsonMapper().convertValue(get(kind, name), type);
    }

    List<String> kindsAndNames() {
      return objects.stream()
          .map(o -> o.path("kind").asText() + "/" + o.path("metadata").path("name").asText())
          .sorted()
          .toList();
    }
  }
}
