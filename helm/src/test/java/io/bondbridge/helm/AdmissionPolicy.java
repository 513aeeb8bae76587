package io.bondbridge.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A rendered ValidatingAdmissionPolicy evaluated offline the way the API server does: its
 * matchConditions (all true, or the request is not its business), then its variables in order, then
 * every validation; a validation that is false or fails to evaluate denies (failurePolicy Fail).
 * cel-java, as the CRD tests use; the Kubernetes CEL libraries are not needed by this policy.
 */
final class AdmissionPolicy {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final CelCompiler COMPILER =
      CelCompilerFactory.standardCelCompilerBuilder()
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar("object", SimpleType.DYN)
          .addVar("oldObject", SimpleType.DYN)
          .addVar("request", SimpleType.DYN)
          .addVar("variables", SimpleType.DYN)
          .build();
  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

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
    CelRuntime.Program program;
    try {
      program = RUNTIME.createProgram(COMPILER.compile(expression).getAst());
    } catch (Exception e) {
      throw new AssertionError("the policy's CEL does not compile: " + expression, e);
    }
    Map<String, Object> defined = new HashMap<>();
    vars.forEach(
        (k, v) -> {
          if (v != null) {
            defined.put(k, v);
          }
        });
    try {
      return Optional.ofNullable(program.eval(defined));
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  /** JSON to CEL values: objects as maps, integers as int (Long), as the API server does. */
  static Object toCel(Object value) {
    return toCel(JSON.valueToTree(value));
  }

  private static Object toCel(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.fields().forEachRemaining(e -> map.put(e.getKey(), toCel(e.getValue())));
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(child -> list.add(toCel(child)));
      return list;
    }
    if (node.isIntegralNumber()) {
      return node.asLong();
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    return node.asText();
  }
}
