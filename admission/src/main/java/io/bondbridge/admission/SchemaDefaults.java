package io.bondbridge.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/** The schema defaults of a CRD filled into an object, as the API server fills them. */
final class SchemaDefaults {
  private SchemaDefaults() {}

  /**
   * The API server's defaulting: a field left out (or null, where the schema does not say nullable:
   * the API server prunes such a null first) takes its schema default, at every depth.
   */
  static void apply(JsonNode schema, JsonNode value) {
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
          apply(property.getValue(), value.get(property.getKey()));
        }
      }
      JsonNode additional = schema.get("additionalProperties");
      if (additional != null && additional.isObject()) {
        value.forEach(child -> apply(additional, child));
      }
    } else if (value.isArray() && schema.has("items")) {
      value.forEach(child -> apply(schema.get("items"), child));
    }
  }
}
