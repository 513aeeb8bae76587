package io.bondbridge.api;

import static io.bondbridge.api.v1alpha1.Conditions.condition;
import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.api.v1alpha1.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one condition merge the operator's and the agent's statuses share. */
class ConditionsTest {
  private static final Instant FIRST = Instant.parse("2026-01-01T10:00:00.750Z");
  private static final Instant LATER = Instant.parse("2026-01-01T11:00:00Z");

  @Test
  void aConditionKeepsItsTransitionTimeWhileItsStatusHoldsAndTakesNowWhenItFlips() {
    List<Condition> before =
        Conditions.merged(
            null,
            1,
            FIRST,
            List.of(condition("Ready", true, "A", "a"), condition("X", false, "B", "b")));
    assertThat(before)
        .extracting(Condition::getLastTransitionTime)
        .containsExactly("2026-01-01T10:00:00Z", "2026-01-01T10:00:00Z");

    List<Condition> after =
        Conditions.merged(
            before,
            2,
            LATER,
            List.of(
                condition("Ready", true, "A", "other message"), condition("X", true, "B", "b")));

    assertThat(after)
        .extracting(Condition::getLastTransitionTime)
        .containsExactly("2026-01-01T10:00:00Z", "2026-01-01T11:00:00Z");
    assertThat(after).extracting(Condition::getObservedGeneration).containsOnly(2L);
    assertThat(after.get(0).getMessage()).isEqualTo("other message");
  }
}
