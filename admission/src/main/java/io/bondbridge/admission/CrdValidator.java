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
import dev.cel.runtime.CelEvaluationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Admission as the API server does it, from a committed CRD file: apply the schema's defaults,
 * check the object's name, the OpenAPI schema (a JSON-schema validator), reject unknown fields
 * (kubectl's strict field validation), then evaluate every {@code x-kubernetes-validations} CEL
 * rule with cel-java ({@link CelRules}).
 *
 * <p>The rules are read from the YAML, never copied into Java, so what is tested is what ships: the
 * crds module's tests and the one-host CLI use this one class. Known gap, covered by the k3s tier:
 * the API server's CEL cost limits and its Kubernetes-specific CEL libraries (not used by our
 * rules; the string extensions of Kubernetes 1.25 are).
 */
public final class CrdValidator {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Map<String, CrdValidator> COMMITTED = new ConcurrentHashMap<>();

  private final JsonNode openApiSchema;
  private final JsonSchema jsonSchema;
  private final CelRules rules = new CelRules("self");

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
    SchemaDefaults.apply(openApiSchema, defaulted);
    List<String> nameless = ObjectName.missing(defaulted.path("metadata"));
    if (!nameless.isEmpty()) {
      return new Admission(defaulted, nameless); // the API server stops here too
    }
    List<String> errors = new ArrayList<>();
    for (ValidationMessage message : jsonSchema.validate(defaulted)) {
      errors.add(kubernetesPath(message.getMessage()));
    }
    StrictFields.check(openApiSchema, defaulted, errors);
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
    SchemaDefaults.apply(openApiSchema, copy);
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

  private void evaluateRules(JsonNode schema, JsonNode value, String path, List<String> errors) {
    if (value == null || value.isNull()) {
      return;
    }
    for (JsonNode rule : schema.path("x-kubernetes-validations")) {
      String expression = rule.get("rule").asText();
      String where = path.isEmpty() ? "<root>" : path;
      Object result;
      try {
        // a rule that does not compile throws
        result = rules.eval(expression, Map.of("self", CelRules.toCel(value)));
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
