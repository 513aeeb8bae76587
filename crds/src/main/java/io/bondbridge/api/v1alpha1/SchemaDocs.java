package io.bondbridge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/**
 * Schema-only twins of fabric8's LabelSelector and Condition, used through {@code @SchemaFrom} so
 * that {@code kubectl explain} documents every field (fabric8's model classes carry no
 * descriptions). The Java fields keep fabric8's types.
 */
final class SchemaDocs {
  private SchemaDocs() {}

  /** The checks of the API server's own LabelSelector validation, as rules with messages. */
  record NodeSelector(
      @JsonPropertyDescription("Labels a node must all have, e.g. bondbridge.io/uplink: \"true\".")
          @Size(max = 64)
          Map<String, @Size(max = 63) String> matchLabels,
      @JsonPropertyDescription("Label requirements a node must all meet.") @Size(max = 32)
          List<Requirement> matchExpressions) {
    // Field rules sit on the accessors: on a record component the generator would emit them twice
    // (once from the field, once from the accessor).
    @ValidationRule(
        value = "self.all(k, " + Patterns.LABEL_KEY_OK + ")",
        message = "matchLabels keys must be label keys: " + Patterns.LABEL_KEY_MESSAGE)
    @ValidationRule(
        value = "self.all(k, [self[k]].all(v, " + Patterns.LABEL_VALUE_OK + "))",
        message = "matchLabels values must be label values: " + Patterns.LABEL_VALUE_MESSAGE)
    public Map<String, String> matchLabels() {
      return matchLabels;
    }
  }

  @ValidationRule(
      value = "!(self.operator in ['In', 'NotIn']) || (has(self.values) && size(self.values) > 0)",
      message = "operator In and NotIn need at least one value")
  @ValidationRule(
      value =
          "!(self.operator in ['Exists', 'DoesNotExist']) || !has(self.values) ||"
              + " size(self.values) == 0",
      message = "operator Exists and DoesNotExist take no values")
  record Requirement(
      @JsonPropertyDescription("The label key, e.g. node-role.kubernetes.io/storage.")
          @Required
          @Size(max = 317)
          String key,
      @JsonPropertyDescription("In, NotIn, Exists or DoesNotExist.") @Required Operator operator,
      @JsonPropertyDescription(
              "Values for In and NotIn; must be empty for Exists and DoesNotExist.")
          @Size(max = 64)
          List<@Size(max = 63) String> values) {
    // Field rules sit on the accessors: on a record component the generator would emit them twice
    // (once from the field, once from the accessor).
    // [self].all(k, ...): the key check is written once, for a variable named k
    @ValidationRule(
        value = "[self].all(k, " + Patterns.LABEL_KEY_OK + ")",
        message = "must be a label key: " + Patterns.LABEL_KEY_MESSAGE)
    public String key() {
      return key;
    }

    @ValidationRule(
        value = "self.all(v, " + Patterns.LABEL_VALUE_OK + ")",
        message = "values must be label values: " + Patterns.LABEL_VALUE_MESSAGE)
    public List<String> values() {
      return values;
    }
  }

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
