package io.bondbridge.operator.model;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a full Kubernetes LabelSelector (matchLabels and matchExpressions) against node labels,
 * with the API server's semantics: all terms must hold; an empty or missing selector selects every
 * node. Done here rather than server-side so that set-based selectors behave the same everywhere.
 */
public final class NodeSelection {
  private NodeSelection() {}

  public static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return true;
    }
    Map<String, String> matchLabels = selector.getMatchLabels();
    if (matchLabels != null) {
      for (Map.Entry<String, String> e : matchLabels.entrySet()) {
        if (!e.getValue().equals(labels.get(e.getKey()))) {
          return false;
        }
      }
    }
    List<LabelSelectorRequirement> expressions = selector.getMatchExpressions();
    if (expressions != null) {
      for (LabelSelectorRequirement r : expressions) {
        if (!matches(r, labels)) {
          return false;
        }
      }
    }
    return true;
  }

  public static List<ClusterNode> select(LabelSelector selector, Collection<ClusterNode> nodes) {
    return nodes.stream().filter(n -> matches(selector, n.labels())).toList();
  }

  /**
   * One requirement. An operator the API does not know (admission would normally reject it) matches
   * nothing: selecting too few nodes is the safe side for node networking.
   */
  static boolean matches(LabelSelectorRequirement r, Map<String, String> labels) {
    String value = labels.get(r.getKey());
    List<String> values = r.getValues() == null ? List.of() : r.getValues();
    String operator = r.getOperator() == null ? "" : r.getOperator();
    return switch (operator) {
      case "In" -> value != null && values.contains(value);
      case "NotIn" -> value == null || !values.contains(value);
      case "Exists" -> labels.containsKey(r.getKey());
      case "DoesNotExist" -> !labels.containsKey(r.getKey());
      default -> false;
    };
  }
}
