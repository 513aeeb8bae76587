package io.bondbridge.api.v1alpha1;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;

/**
 * The operator's request to a node's agent to drill one BondBridgeNode's bond now: the value of its
 * {@link #ANNOTATION} annotation (JSON). An annotation, not a spec field: a drill is an action, not
 * desired state, and must not change the generation that drives apply and the rollout. The operator
 * sets it on one node at a time and removes it once the agent's {@code status.drill} carries the
 * drill's uid and a finished phase.
 */
public record DrillRequest(String drill, String uid, DrillMethod method) {
  public static final String ANNOTATION = "bondbridge.io/drill";

  private static final ObjectMapper JSON = new ObjectMapper();

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The request on an object, if it carries one.
   *
   * @throws IllegalArgumentException where the annotation is not a request (the agent reports it)
   */
  public static Optional<DrillRequest> on(Map<String, String> annotations) {
    String value = annotations == null ? null : annotations.get(ANNOTATION);
    if (value == null) {
      return Optional.empty();
    }
    DrillRequest request;
    try {
      request = JSON.readValue(value, DrillRequest.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "annotation " + ANNOTATION + " is not a drill request: " + e.getOriginalMessage());
    }
    if (request.drill() == null || request.uid() == null || request.method() == null) {
      throw new IllegalArgumentException(
          "annotation " + ANNOTATION + " needs drill, uid and method: " + value);
    }
    return Optional.of(request);
  }
}
