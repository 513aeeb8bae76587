package io.bondbridge.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * kubectl's strict field validation: a field the schema does not know is an error (where the schema
 * does not preserve unknown fields), not silently pruned.
 */
final class StrictFields {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StrictFields() {}

  /** Adds an error for each unknown field of the object. */
  static void check(JsonNode schema, JsonNode object, List<String> errors) {
    unknownFields(schema, object, "", errors);
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
}
