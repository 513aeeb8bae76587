package io.bondbridge.agent.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.bondbridge.agent.importer.Stanzas.Option;
import io.bondbridge.agent.importer.Stanzas.Stanza;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * netplan's YAML ({@code /etc/netplan/*.yaml} in name order, a later file's mappings merged into an
 * earlier one's and its other values over them), one stanza a device: its id, its section ({@code
 * ethernets}, {@code bonds}, {@code bridges}, {@code vlans}) as the family, and every leaf as an
 * option named by its path ({@code parameters.mode}, {@code routes[0].via}; a list of words is one
 * option, its words joined by spaces). Reading only.
 */
final class NetplanFiles {
  static final List<String> SECTIONS = List.of("ethernets", "bonds", "bridges", "vlans");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private NetplanFiles() {}

  /** The devices of these files, or of the *.yaml files of these directories. */
  static List<Stanza> read(List<Path> paths) {
    List<Path> files = ConfigFiles.expand(paths, "*.yaml", n -> true);
    ObjectNode merged = YAML.createObjectNode();
    Map<String, String> whereOf = new HashMap<>(); // section/id: the last file that set it
    List<Stanza> globals = new ArrayList<>();
    for (Path file : files) {
      JsonNode network = tree(file).path("network");
      if (!network.isObject()) {
        throw new IllegalArgumentException(file + ": no network: mapping, so not netplan");
      }
      network
          .fields()
          .forEachRemaining(
              e -> {
                if (SECTIONS.contains(e.getKey()) && e.getValue().isObject()) {
                  ObjectNode section = merged.with(e.getKey());
                  e.getValue()
                      .fields()
                      .forEachRemaining(
                          d -> {
                            deviceInto(section, d.getKey(), d.getValue(), file);
                            whereOf.put(e.getKey() + "/" + d.getKey(), file.toString());
                          });
                } else {
                  List<Option> options = new ArrayList<>();
                  flatten(e.getKey(), e.getValue(), file.toString(), options);
                  globals.add(new Stanza("network", "global", "", options, file + ": network"));
                }
              });
    }
    List<Stanza> devices = new ArrayList<>(globals);
    for (String section : SECTIONS) {
      merged
          .path(section)
          .fields()
          .forEachRemaining(
              d -> {
                List<Option> options = new ArrayList<>();
                String file = whereOf.get(section + "/" + d.getKey());
                flatten("", d.getValue(), file + ": " + section, options);
                devices.add(
                    new Stanza(
                        d.getKey(),
                        section,
                        "",
                        options,
                        file + ": " + section + "." + d.getKey()));
              });
    }
    return devices;
  }

  /** Whether a file reads as netplan: YAML with a top-level network: mapping. */
  static boolean looksLikeNetplan(Path file) {
    String name = file.getFileName().toString();
    if (!name.endsWith(".yaml") && !name.endsWith(".yml")) {
      return false;
    }
    try {
      return tree(file).path("network").isObject();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static void deviceInto(ObjectNode section, String id, JsonNode device, Path file) {
    if (!device.isObject()) {
      throw new IllegalArgumentException(file + ": " + id + ": not a mapping");
    }
    merge(section.with(id), (ObjectNode) device);
  }

  /** netplan's merge: a later mapping's keys go into the earlier one's, the rest is replaced. */
  private static void merge(ObjectNode into, ObjectNode later) {
    later
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().isObject() && into.path(e.getKey()).isObject()) {
                merge((ObjectNode) into.get(e.getKey()), (ObjectNode) e.getValue());
              } else {
                into.set(e.getKey(), e.getValue().deepCopy());
              }
            });
  }

  private static void flatten(String path, JsonNode node, String where, List<Option> out) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
        flatten(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), where, out);
      }
    } else if (node.isArray() && node.size() > 0 && node.get(0).isContainerNode()) {
      for (int i = 0; i < node.size(); i++) {
        flatten(path + "[" + i + "]", node.get(i), where, out);
      }
    } else if (node.isArray()) {
      List<String> words = new ArrayList<>();
      node.forEach(w -> words.add(w.asText()));
      out.add(new Option(path, String.join(" ", words), where));
    } else {
      out.add(new Option(path, node.asText(), where));
    }
  }

  private static JsonNode tree(Path file) {
    try {
      JsonNode tree = YAML.readTree(file.toFile());
      return tree == null ? YAML.createObjectNode() : tree;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(file + ": not YAML: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
