package io.bondbridge.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.bondbridge.api.v1alpha1.BondBridge;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders objects the way {@code kubectl get A,B -o wide} does: NAME as kind.group/name, then the
 * CRD's own additionalPrinterColumns (read from the committed CRD, so the table is what kubectl
 * would print), columns padded and three spaces apart.
 */
final class KubectlTable {
  private KubectlTable() {}

  static String render(List<? extends HasMetadata> items) {
    return render(items, Instant.now());
  }

  static String render(List<? extends HasMetadata> items, Instant now) {
    if (items.isEmpty()) {
      return "";
    }
    HasMetadata first = items.get(0);
    CustomResourceDefinition crd = crd(HasMetadata.getPlural(first.getClass()));
    List<CustomResourceColumnDefinition> columns =
        crd.getSpec().getVersions().get(0).getAdditionalPrinterColumns();
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("NAME"));
    columns.forEach(c -> header.add(c.getName().toUpperCase(Locale.ROOT)));
    rows.add(header);
    String prefix =
        first.getKind().toLowerCase(Locale.ROOT)
            + "."
            + HasMetadata.getGroup(first.getClass())
            + "/";
    for (HasMetadata item : items) {
      JsonNode tree = Serialization.jsonMapper().valueToTree(item);
      List<String> row = new ArrayList<>(List.of(prefix + item.getMetadata().getName()));
      for (CustomResourceColumnDefinition c : columns) {
        JsonNode v = tree;
        for (String part : c.getJsonPath().substring(1).split("\\.")) {
          v = v == null ? null : v.get(part);
        }
        String text = v == null || v.isNull() ? "" : v.asText();
        row.add(
            "date".equals(c.getType()) && !text.isEmpty() ? age(Instant.parse(text), now) : text);
      }
      rows.add(row);
    }
    int[] widths = new int[header.size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(i == row.size() - 1 ? row.get(i) : pad(row.get(i), widths[i] + 3));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }

  /** kubectl's short ages: 45s, 3m12s, 12m, 5h. */
  static String age(Instant since, Instant now) {
    long s = Math.max(0, Duration.between(since, now).getSeconds());
    if (s < 120) return s + "s";
    if (s < 600) return (s / 60) + "m" + (s % 60 == 0 ? "" : (s % 60) + "s");
    if (s < 3 * 3600) return (s / 60) + "m";
    return (s / 3600) + "h";
  }

  /**
   * The committed CRD (crds/PLURAL.bondbridge.io.yaml), which is what a cluster installs: the copy
   * the generator puts in the jar lists the printer columns in another order.
   */
  private static CustomResourceDefinition crd(String plural) {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path file = d.resolve("crds").resolve(plural + "." + BondBridge.GROUP + ".yaml");
      if (Files.exists(file)) {
        try (InputStream in = Files.newInputStream(file)) {
          return Serialization.unmarshal(in, CustomResourceDefinition.class);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    throw new IllegalStateException(
        "no crds/" + plural + ".bondbridge.io.yaml above " + Path.of(""));
  }
}
