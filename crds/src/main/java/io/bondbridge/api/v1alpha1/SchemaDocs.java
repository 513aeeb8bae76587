package io.bondbridge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.List;
import java.util.Map;

/**
 * Schema-only twins of fabric8's LabelSelector and Condition, used through {@code @SchemaFrom} so
 * that {@code kubectl explain} documents every field (fabric8's model classes carry no
 * descriptions). The Java fields keep fabric8's types.
 */
final class SchemaDocs {
  private SchemaDocs() {}

  record NodeSelector(
      @JsonPropertyDescription("Labels a node must all have, e.g. bondbridge.io/uplink: \"true\".")
          Map<String, String> matchLabels,
      @JsonPropertyDescription("Label requirements a node must all meet.")
          List<Requirement> matchExpressions) {}

  record Requirement(
      @JsonPropertyDescription("The label key, e.g. node-role.kubernetes.io/storage.") @Required
          String key,
      @JsonPropertyDescription("In, NotIn, Exists or DoesNotExist.") @Required Operator operator,
      @JsonPropertyDescription(
              "Values for In and NotIn; must be empty for Exists and DoesNotExist.")
          List<String> values) {}

  enum Operator {
    In,
    NotIn,
    Exists,
    DoesNotExist
  }

  record Condition(
      @JsonPropertyDescription("Ready, Progressing, Degraded, Conflict, ...") @Required String type,
      @JsonPropertyDescription("True, False or Unknown.") @Required String status,
      @JsonPropertyDescription("Machine-readable reason in CamelCase.") String reason,
      @JsonPropertyDescription("What happened, in words.") String message,
      @JsonPropertyDescription("The metadata.generation the condition was set for.")
          Long observedGeneration,
      @JsonPropertyDescription("When status last changed (RFC 3339).") String lastTransitionTime) {}
}
