package io.bondbridge.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/** The host's links as {@code ip -j} shows them: found by name, their flags, deleted in order. */
final class HostLinks {
  private HostLinks() {}

  /** Deletes the chosen links but lo, upper devices first: VLANs, bridges, bonds, then the rest. */
  static void deleteLinks(Predicate<JsonNode> chosen) {
    List<JsonNode> links = new ArrayList<>();
    Commands.ipJson("-d", "link", "show").forEach(links::add);
    links.sort(Comparator.comparingInt(HostLinks::deletionOrder));
    for (JsonNode link : links) {
      String name = text(link, "ifname");
      if (!"lo".equals(name) && chosen.test(link)) {
        Commands.run(List.of("ip", "link", "del", "dev", name));
      }
    }
  }

  private static int deletionOrder(JsonNode link) {
    String kind = String.valueOf(text(link.path("linkinfo"), "info_kind"));
    return switch (kind) {
      case "vlan" -> 0;
      case "bridge" -> 1;
      case "bond" -> 2;
      default -> 3;
    };
  }

  /**
   * The entry of {@code ip -j} output for this device, or a missing node (ip -4 leaves some out).
   */
  static JsonNode named(JsonNode links, String name) {
    for (JsonNode link : links) {
      if (name.equals(text(link, "ifname"))) {
        return link;
      }
    }
    return MissingNode.getInstance();
  }

  static boolean flagged(JsonNode link, String flag) {
    for (JsonNode f : link.path("flags")) {
      if (flag.equals(f.asText())) {
        return true;
      }
    }
    return false;
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
