package io.bondbridge.admission;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The API server's check of {@code metadata.name} for a custom resource: a DNS-1123 subdomain of at
 * most 253 characters. What passes is safe as a file name too: no '/', no "..", no spaces or
 * control characters.
 */
public final class ObjectName {
  public static final int MAX_LENGTH = 253;
  private static final Pattern SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private ObjectName() {}

  /** True for a name the API server would accept. */
  public static boolean isValid(String name) {
    return problem(name, "name").isEmpty();
  }

  /** What is wrong with this name, in the API server's words, if anything. */
  public static Optional<String> problem(String name, String field) {
    if (name == null || name.isEmpty()) {
      return Optional.of(field + ": Required value: name or generateName is required");
    }
    if (name.length() > MAX_LENGTH) {
      return Optional.of(
          field + ": Invalid value: must be no more than " + MAX_LENGTH + " characters");
    }
    if (!SUBDOMAIN.matcher(name).matches()) {
      return Optional.of(
          field
              + ": Invalid value: "
              + quoted(name)
              + ": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric"
              + " characters, '-' or '.', and must start and end with an alphanumeric character"
              + " (e.g. 'example.com')");
    }
    return Optional.empty();
  }

  /** The name the API server requires before it looks at anything else, if it is not there. */
  static List<String> missing(JsonNode metadata) {
    JsonNode name = metadata.path("name");
    if (name.isTextual() && !name.asText().isEmpty()) {
      return List.of();
    }
    if (name.isMissingNode() || name.isNull() || name.isTextual()) {
      return List.of("metadata.name: Required value: name or generateName is required");
    }
    return List.of("metadata.name: Invalid value: a string is expected");
  }

  /** The value as Go's %q would show it: quoted, with control characters escaped. */
  private static String quoted(String value) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + "\"";
  }
}
