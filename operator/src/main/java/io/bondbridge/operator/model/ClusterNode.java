package io.bondbridge.operator.model;

import java.util.Map;

/** A Kubernetes node as far as selection cares: its name and labels. */
public record ClusterNode(String name, Map<String, String> labels) {
  public ClusterNode {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }
}
