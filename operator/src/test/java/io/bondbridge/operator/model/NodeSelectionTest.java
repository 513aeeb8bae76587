package io.bondbridge.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeSelectionTest {
  private static LabelSelector expression(String key, String operator, String... values) {
    return new LabelSelectorBuilder()
        .addNewMatchExpression()
        .withKey(key)
        .withOperator(operator)
        .withValues(values)
        .endMatchExpression()
        .build();
  }

  @Test
  void missingOrEmptySelectorSelectsEveryNode() {
    assertThat(NodeSelection.matches((LabelSelector) null, Map.of())).isTrue();
    assertThat(NodeSelection.matches(new LabelSelector(), Map.of("a", "b"))).isTrue();
  }

  @Test
  void matchLabelsNeedsEveryPair() {
    LabelSelector s =
        new LabelSelectorBuilder().withMatchLabels(Map.of("a", "1", "b", "2")).build();
    assertThat(NodeSelection.matches(s, Map.of("a", "1", "b", "2", "c", "3"))).isTrue();
    assertThat(NodeSelection.matches(s, Map.of("a", "1"))).isFalse();
    assertThat(NodeSelection.matches(s, Map.of("a", "1", "b", "x"))).isFalse();
  }

  @Test
  void setBasedOperators() {
    assertThat(NodeSelection.matches(expression("zone", "In", "x", "y"), Map.of("zone", "y")))
        .isTrue();
    assertThat(NodeSelection.matches(expression("zone", "In", "x"), Map.of("zone", "y"))).isFalse();
    assertThat(NodeSelection.matches(expression("zone", "In", "x"), Map.of())).isFalse();
    assertThat(NodeSelection.matches(expression("zone", "NotIn", "x"), Map.of("zone", "y")))
        .isTrue();
    assertThat(NodeSelection.matches(expression("zone", "NotIn", "x"), Map.of("zone", "x")))
        .isFalse();
    // like the API server: a node without the key is not in the set
    assertThat(NodeSelection.matches(expression("zone", "NotIn", "x"), Map.of())).isTrue();
    assertThat(NodeSelection.matches(expression("gpu", "Exists"), Map.of("gpu", ""))).isTrue();
    assertThat(NodeSelection.matches(expression("gpu", "Exists"), Map.of())).isFalse();
    assertThat(NodeSelection.matches(expression("gpu", "DoesNotExist"), Map.of())).isTrue();
    assertThat(NodeSelection.matches(expression("gpu", "DoesNotExist"), Map.of("gpu", "1")))
        .isFalse();
  }

  @Test
  void labelsAndExpressionsMustAllHoldAndUnknownOperatorsSelectNothing() {
    LabelSelector s =
        new LabelSelectorBuilder(expression("zone", "NotIn", "b"))
            .withMatchLabels(Map.of("uplink", "yes"))
            .build();
    assertThat(NodeSelection.matches(s, Map.of("uplink", "yes", "zone", "a"))).isTrue();
    assertThat(NodeSelection.matches(s, Map.of("uplink", "yes", "zone", "b"))).isFalse();
    assertThat(NodeSelection.matches(s, Map.of("zone", "a"))).isFalse();
    assertThat(NodeSelection.matches(expression("n", "Gt", "3"), Map.of("n", "5"))).isFalse();
  }
}
