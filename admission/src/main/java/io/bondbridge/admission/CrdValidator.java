package io.bondbridge.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.extensions.CelStringExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Admission as the API server does it, from a committed CRD file: apply the schema's defaults,
 * check the object's name, the OpenAPI schema (a JSON-schema validator), reject unknown fields
 * (kubectl's strict field validation), then evaluate every {@code x-kubernetes-validations} CEL
 * rule with cel-java.
 *
 * <p>The rules are read from the YAML, never copied into Java, so what is tested is what ships: the
 * crds module's tests and the one-host CLI use this one class. Known gap, covered by the k3s tier:
 * the API server's CEL cost limits and its Kubernetes-specific CEL libraries (not used by our
 * rules; the string extensions of Kubernetes 1.25 are).
 */
public final class CrdValidator {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, CrdValidator> COMMITTED = new ConcurrentHashMap<>();

  private final JsonNode openApiSchema;
  private final JsonSchema jsonSchema;

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

  private final CelCompiler celCompiler =
      CelCompilerFactory.standardCelCompilerBuilder()
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addLibraries(STRINGS_1_25)
          .addVar("self", SimpleType.DYN)
          .build();
  private final CelRuntime celRuntime =
      CelRuntimeFactory.standardCelRuntimeBuilder().addLibraries(STRINGS_1_25).build();
  private final Map<String, CelRuntime.Program> programs = new ConcurrentHashMap<>();

  private CrdValidator(JsonNode openApiSchema) {
    this.openApiSchema = openApiSchema;
    SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().build();
    // OpenAPI's own keywords (x-kubernetes-validations, nullable, ...) are checked here in Java,
    // not by the JSON-schema validator, which would otherwise log a warning for each.
    JsonMetaSchema openApi =
        JsonMetaSchema.builder(JsonMetaSchema.getV4())
            .unknownKeywordFactory((keyword, context) -> new NonValidationKeyword(keyword))
            .build();
    this.jsonSchema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4, f -> f.metaSchema(openApi))
            .getSchema(toDraft4(openApiSchema.deepCopy()), config);
  }

  /** Loads the first served version's schema of a CRD YAML file. */
  public static CrdValidator forCrd(Path crdFile) throws IOException {
    return of(YAML.readTree(crdFile.toFile()));
  }

  /**
   * The committed CRD of this plural ({@code bondbridges}, {@code bondbridgenodes}), as this jar
   * carries it: the build packs crds/*.bondbridge.io.yaml, the very files the chart ships.
   */
  public static CrdValidator committed(String plural) {
    return COMMITTED.computeIfAbsent(plural, CrdValidator::load);
  }

  private static CrdValidator load(String plural) {
    String resource = "crds/" + CrdFiles.fileName(plural);
    try (InputStream in = CrdValidator.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no CRD " + resource + " in the admission jar");
      }
      return of(YAML.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the CRD " + resource, e);
    }
  }

  private static CrdValidator of(JsonNode crd) {
    return new CrdValidator(crd.at("/spec/versions/0/schema/openAPIV3Schema"));
  }

  /** All reasons the API server would give for rejecting this object; empty when admitted. */
  public List<String> validate(JsonNode object) {
    return admit(object).errors();
  }

  /**
   * The object as the API server would store it (schema defaults filled in) and every reason it
   * would refuse it. A caller that goes on with an admitted object uses the defaulted one, so it
   * acts on what the cluster would hold.
   */
  public Admission admit(JsonNode object) {
    if (object == null || !object.isObject()) {
      return new Admission(object, List.of("<root>: an object (a YAML mapping) is expected"));
    }
    ObjectNode defaulted = object.deepCopy();
    applyDefaults(openApiSchema, defaulted);
    List<String> nameless = ObjectName.missing(defaulted.path("metadata"));
    if (!nameless.isEmpty()) {
      return new Admission(defaulted, nameless); // the API server stops here too
    }
    List<String> errors = new ArrayList<>();
    for (ValidationMessage message : jsonSchema.validate(defaulted)) {
      errors.add(kubernetesPath(message.getMessage()));
    }
    unknownFields(openApiSchema, defaulted, "", errors);
    if (errors.isEmpty()) {
      // Like the API server: CEL rules run only on a value that passed the schema.
      evaluateRules(openApiSchema, defaulted, "", errors);
    }
    if (errors.isEmpty()) {
      // Last, so that a CRD's own (stricter, better worded) rule on the name speaks first; the
      // API server checks every object's name, so one no rule covers is still refused.
      String name = defaulted.path("metadata").path("name").asText();
      ObjectName.problem(name, "metadata.name").ifPresent(errors::add);
    }
    return new Admission(defaulted, List.copyOf(errors));
  }

  /** An object after admission: defaulted, and the reasons it is refused (none: admitted). */
  public record Admission(JsonNode object, List<String> errors) {
    public boolean admitted() {
      return errors.isEmpty();
    }
  }

  public List<String> validateYaml(String yaml) throws IOException {
    return validate(YAML.readTree(yaml));
  }

  /** The object after the API server's defaulting. */
  public JsonNode defaulted(JsonNode object) {
    JsonNode copy = object.deepCopy();
    applyDefaults(openApiSchema, copy);
    return copy;
  }

  /** "/spec/vlans/0/id: ..." as the API server writes it: "spec.vlans[0].id: ...". */
  private static String kubernetesPath(String message) {
    int colon = message.indexOf(": ");
    if (!message.startsWith("/") || colon < 0) {
      return message;
    }
    String path =
        message.substring(1, colon).replaceAll("/(\\d+)(?=/|$)", "[$1]").replace('/', '.');
    return path + message.substring(colon);
  }

  /**
   * The API server's defaulting: a field left out (or null, where the schema does not say nullable:
   * the API server prunes such a null first) takes its schema default, at every depth.
   */
  private static void applyDefaults(JsonNode schema, JsonNode value) {
    if (value == null || value.isNull()) {
      return;
    }
    if (value.isObject()) {
      JsonNode properties = schema.get("properties");
      if (properties != null) {
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> property = it.next();
          JsonNode given = value.get(property.getKey());
          boolean nullable = property.getValue().path("nullable").asBoolean(false);
          if (given != null && given.isNull() && !nullable) {
            ((ObjectNode) value).remove(property.getKey());
            given = null;
          }
          if (given == null && property.getValue().has("default")) {
            ((ObjectNode) value)
                .set(property.getKey(), property.getValue().get("default").deepCopy());
          }
          applyDefaults(property.getValue(), value.get(property.getKey()));
        }
      }
      JsonNode additional = schema.get("additionalProperties");
      if (additional != null && additional.isObject()) {
        value.forEach(child -> applyDefaults(additional, child));
      }
    } else if (value.isArray() && schema.has("items")) {
      value.forEach(child -> applyDefaults(schema.get("items"), child));
    }
  }

  private static void unknownFields(
      JsonNode schema, JsonNode value, String path, List<String> errors) {
    if (value == null || !value.isObject()) {
      if (value != null && value.isArray() && schema.has("items")) {
        int i = 0;
        for (JsonNode child : value) {
          unknownFields(schema.get("items"), child, path + "[" + i++ + "]", errors);
        }
      }
      return;
    }
    if (schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
      return;
    }
    JsonNode properties = schema.get("properties");
    JsonNode additional = schema.get("additionalProperties");
    if (path.isEmpty() && properties != null) {
      // apiVersion, kind and metadata are checked by the API server itself, not by the CRD.
      ObjectNode withMeta = (ObjectNode) properties.deepCopy();
      for (String field : List.of("apiVersion", "kind", "metadata")) {
        withMeta.set(field, JSON.createObjectNode());
      }
      properties = withMeta;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String childPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
      if (properties != null && properties.has(field.getKey())) {
        if (!path.isEmpty()
            || !List.of("apiVersion", "kind", "metadata").contains(field.getKey())) {
          unknownFields(properties.get(field.getKey()), field.getValue(), childPath, errors);
        }
      } else if (additional != null && additional.isObject()) {
        unknownFields(additional, field.getValue(), childPath, errors);
      } else if (properties != null) {
        errors.add("unknown field \"" + childPath + "\"");
      }
    }
  }

  private void evaluateRules(JsonNode schema, JsonNode value, String path, List<String> errors) {
    if (value == null || value.isNull()) {
      return;
    }
    for (JsonNode rule : schema.path("x-kubernetes-validations")) {
      String expression = rule.get("rule").asText();
      CelRuntime.Program program = program(expression); // a rule that does not compile throws
      String where = path.isEmpty() ? "<root>" : path;
      Object result;
      try {
        result = program.eval(Map.of("self", toCel(value)));
      } catch (CelEvaluationException e) {
        // As the API server does: a rule that cannot be evaluated on this object refuses it.
        errors.add(where + ": rule evaluation error: " + e.getMessage().lines().findFirst().get());
        continue;
      }
      if (!Boolean.TRUE.equals(result)) {
        errors.add(where + ": " + rule.path("message").asText("failed rule: " + expression));
      }
    }
    if (value.isObject()) {
      JsonNode properties = schema.get("properties");
      JsonNode additional = schema.get("additionalProperties");
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String childPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        if (properties != null && properties.has(field.getKey())) {
          evaluateRules(properties.get(field.getKey()), field.getValue(), childPath, errors);
        } else if (additional != null && additional.isObject()) {
          evaluateRules(additional, field.getValue(), childPath, errors);
        }
      }
    } else if (value.isArray() && schema.has("items")) {
      int i = 0;
      for (JsonNode child : value) {
        evaluateRules(schema.get("items"), child, path + "[" + i++ + "]", errors);
      }
    }
  }

  private CelRuntime.Program program(String expression) {
    return programs.computeIfAbsent(
        expression,
        e -> {
          try {
            return celRuntime.createProgram(celCompiler.compile(e).getAst());
          } catch (Exception ex) {
            throw new IllegalStateException("CEL rule does not compile: " + e, ex);
          }
        });
  }

  /** JSON to CEL values: objects as maps, integers as int (Long), as the API server does. */
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

  /** Rewrites OpenAPI-only constructs the draft-4 validator does not know. */
  private static JsonNode toDraft4(JsonNode schema) {
    if (schema.isObject()) {
      ObjectNode object = (ObjectNode) schema;
      if (object.path("x-kubernetes-int-or-string").asBoolean(false)) {
        object.remove("type");
      }
      object.fields().forEachRemaining(e -> toDraft4(e.getValue()));
    } else if (schema.isArray()) {
      schema.forEach(CrdValidator::toDraft4);
    }
    return schema;
  }
}
