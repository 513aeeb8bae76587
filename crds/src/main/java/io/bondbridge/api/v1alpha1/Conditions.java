package io.bondbridge.api.v1alpha1;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The status conditions both writers make (the operator on a BondBridge, the agent on a
 * BondBridgeNode), merged one way: a condition keeps the lastTransitionTime it had while its status
 * holds, so an unchanged world gives an equal status and nothing is written.
 */
public final class Conditions {
  private Conditions() {}

  public static Condition condition(String type, boolean status, String reason, String message) {
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status ? "True" : "False")
        .withReason(reason)
        .withMessage(message)
        .build();
  }

  /**
   * The conditions with this observedGeneration, each with the lastTransitionTime of the previous
   * condition of its type while the status is the same, else {@code now} (to the second, as the API
   * stores it).
   *
   * @param previous the conditions before; null when there were none
   */
  public static List<Condition> merged(
      List<Condition> previous, long generation, Instant now, List<Condition> conditions) {
    String at = DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS));
    List<Condition> before = previous == null ? List.of() : previous;
    return conditions.stream()
        .map(
            c ->
                new ConditionBuilder(c)
                    .withObservedGeneration(generation)
                    .withLastTransitionTime(since(c, before).orElse(at))
                    .build())
        .toList();
  }

  private static Optional<String> since(Condition c, List<Condition> before) {
    return before.stream()
        .filter(p -> Objects.equals(c.getType(), p.getType()))
        .findFirst()
        .filter(p -> Objects.equals(c.getStatus(), p.getStatus()))
        .map(Condition::getLastTransitionTime);
  }
}
