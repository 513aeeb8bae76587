package io.bondbridge.api.v1alpha1;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import java.io.IOException;

/**
 * A spec or status as read from the API: the value, or, when it cannot be read, null and the {@link
 * ReadError}. Read with the very mapper (and settings) that reads the whole object, so a readable
 * part comes out exactly as it would without this; an unreadable one no longer fails the whole
 * object, and with it a watch's list of every object (which JOSDK answers by stopping the
 * operator).
 */
@JsonDeserialize(using = Reading.Reader.class)
record Reading<T>(T value, ReadError error) {
  private static final int MAX_VALUE_CHARS = 64;

  static final class Reader extends JsonDeserializer<Reading<?>> implements ContextualDeserializer {
    private final JavaType type;
    private final String part;

    Reader() {
      this(null, null);
    }

    private Reader(JavaType type, String part) {
      this.type = type;
      this.part = part;
    }

    @Override
    public JsonDeserializer<?> createContextual(
        DeserializationContext ctxt, BeanProperty property) {
      return new Reader(property.getType().containedType(0), property.getName());
    }

    @Override
    public Reading<?> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonNode tree = ctxt.readTree(p);
      try {
        return new Reading<>(ctxt.readTreeAsValue(tree, type), null);
      } catch (JacksonException e) {
        return new Reading<>(null, error(part, tree, e));
      }
    }
  }

  /** Where in {@code tree} (the part named {@code part}) reading failed, what is there, and why. */
  static ReadError error(String part, JsonNode tree, JacksonException e) {
    StringBuilder path = new StringBuilder(part);
    JsonNode at = tree;
    if (e instanceof JsonMappingException mapping) {
      for (JsonMappingException.Reference ref : mapping.getPath()) {
        if (ref.getFieldName() != null) {
          path.append('.').append(ref.getFieldName());
          at = at.path(ref.getFieldName());
        } else {
          path.append('[').append(ref.getIndex()).append(']');
          at = at.path(ref.getIndex());
        }
      }
    }
    String value = at.isMissingNode() ? "(none)" : at.isValueNode() ? at.asText() : at.toString();
    if (value.length() > MAX_VALUE_CHARS) {
      value = value.substring(0, MAX_VALUE_CHARS) + "...";
    }
    return new ReadError(path.toString(), value, problem(at, e));
  }

  /** In the user's words where we know the case; else Jackson's, without Java package names. */
  private static String problem(JsonNode at, JacksonException e) {
    if (at.isIntegralNumber() && !at.canConvertToInt()) {
      return "a whole number too large for this field: at most 2147483647 (32 bits)";
    }
    Throwable cause = e;
    while (cause.getCause() instanceof JacksonException deeper) {
      cause = deeper;
    }
    String message = ((JacksonException) cause).getOriginalMessage();
    return message.replaceAll("`(?:[a-z][a-z0-9_]*\\.)+([A-Za-z0-9_$]+)`", "$1");
  }
}
