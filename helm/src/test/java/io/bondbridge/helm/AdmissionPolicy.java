package io.bondbridge.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bondbridge.admission.CelRules;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A rendered ValidatingAdmissionPolicy evaluated offline the way the API server does: its
 * matchConditions (all true, or the request is not its business), then its variables in order, then
 * every validation; a validation that is false or fails to evaluate denies (failurePolicy Fail).
 * The CRD tests' own CEL ({@link CelRules}); the Kubernetes CEL libraries are not needed by this
 * policy.
 */
final class AdmissionPolicy {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final CelRules RULES = new CelRules("object", "oldObject", "request", "variables");

  private final JsonNode spec;

  AdmissionPolicy(JsonNode policy) {
    this.spec = policy.path("spec");
  }

  /** What the API server answers. */
  sealed interface Verdict {}

  /** The policy does not concern this request (a matchCondition is false). */
  record NotMatched() implements Verdict {}

  record Allowed() implements Verdict {}

  record Denied(String message) implements Verdict {}

  Verdict admit(Map<String, Object> request, Object object, Object oldObject) {
    Map<String, Object> vars = new HashMap<>();
    vars.put("request", toCel(request));
    vars.put("object", object);
    vars.put("oldObject", oldObject);
    vars.put("variables", Map.of());
    for (JsonNode condition : spec.path("matchConditions")) {
      if (!Boolean.TRUE.equals(eval(condition.path("expression").asText(), vars).orElse(false))) {
        return new NotMatched();
      }
    }
    Map<String, Object> variables = new LinkedHashMap<>();
    for (JsonNode variable : spec.path("variables")) {
      vars.put("variables", Map.copyOf(variables));
      eval(variable.path("expression").asText(), vars)
          .ifPresent(v -> variables.put(variable.path("name").asText(), v));
    }
    vars.put("variables", variables);
    for (JsonNode validation : spec.path("validations")) {
      Optional<Object> result = eval(validation.path("expression").asText(), vars);
      if (!Boolean.TRUE.equals(result.orElse(false))) {
        return new Denied(validation.path("message").asText());
      }
    }
    return new Allowed();
  }

  /** Empty when the expression fails to evaluate (e.g. a field of a null object). */
  private static Optional<Object> eval(String expression, Map<String, Object> vars) {
    Map<String, Object> defined = new HashMap<>();
    vars.forEach(
        (k, v) -> {
          if (v != null) {
            defined.put(k, v);
          }
        });
    try {
      return Optional.ofNullable(RULES.eval(expression, defined));
    } catch (IllegalStateException e) {
      throw new AssertionError("the policy's CEL does not compile: " + expression, e);
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  /** JSON to CEL values: objects as maps, integers as int (Long), as the API server does. */
  static Object toCel(Object value) {
    return CelRules.toCel(JSON.valueToTree(value));
  }
}
