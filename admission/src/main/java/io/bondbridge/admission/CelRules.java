package io.bondbridge.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.extensions.CelStringExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CEL as an API server evaluates it, with cel-java: the standard macros, the string extensions of
 * Kubernetes 1.25, and the variables a kind of rule sees ({@code self} for a CRD's
 * x-kubernetes-validations; {@code object}, {@code oldObject}, {@code request}, {@code variables}
 * for a ValidatingAdmissionPolicy), each of any type. The one way the CRD tests, the CLI and the
 * chart's policy tests compile and evaluate their rules.
 */
public final class CelRules {
  /**
   * The extended string functions every API server since Kubernetes 1.25 offers (cel-go's
   * ext.Strings, version 0); join, quote and reverse came later and are left out, so a rule that
   * needs a newer API server fails to compile here.
   */
  private static final CelStringExtensions STRINGS_1_25 =
      CelExtensions.strings(
          CelStringExtensions.Function.CHAR_AT,
          CelStringExtensions.Function.INDEX_OF,
          CelStringExtensions.Function.LAST_INDEX_OF,
          CelStringExtensions.Function.LOWER_ASCII,
          CelStringExtensions.Function.REPLACE,
          CelStringExtensions.Function.SPLIT,
          CelStringExtensions.Function.SUBSTRING,
          CelStringExtensions.Function.TRIM,
          CelStringExtensions.Function.UPPER_ASCII);

  private final CelCompiler compiler;
  private final CelRuntime runtime =
      CelRuntimeFactory.standardCelRuntimeBuilder().addLibraries(STRINGS_1_25).build();
  private final Map<String, CelRuntime.Program> programs = new ConcurrentHashMap<>();

  /** Rules that see these variables. */
  public CelRules(String... variables) {
    CelCompilerBuilder builder =
        CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addLibraries(STRINGS_1_25);
    for (String variable : variables) {
      builder.addVar(variable, SimpleType.DYN);
    }
    this.compiler = builder.build();
  }

  /**
   * The rule's value with these variables (in CEL values: {@link #toCel}).
   *
   * @throws IllegalStateException the rule does not compile
   * @throws CelEvaluationException it cannot be evaluated on these values
   */
  public Object eval(String expression, Map<String, ?> variables) throws CelEvaluationException {
    return program(expression).eval(variables);
  }

  private CelRuntime.Program program(String expression) {
    return programs.computeIfAbsent(
        expression,
        e -> {
          try {
            return runtime.createProgram(compiler.compile(e).getAst());
          } catch (Exception ex) {
            throw new IllegalStateException("CEL rule does not compile: " + e, ex);
          }
        });
  }

  /** JSON to CEL values: objects as maps, integers as int (Long), as the API server does. */
  public static Object toCel(JsonNode node) {
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
