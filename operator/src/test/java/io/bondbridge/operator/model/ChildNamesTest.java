package io.bondbridge.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChildNamesTest {
  @Test
  void shortNamesArePolicyDotNode() {
    assertThat(ChildNames.of("uplink", "worker-1")).isEqualTo("uplink.worker-1");
  }

  @Test
  void longNamesAreCutStableDistinctAndValid() {
    String node = "n".repeat(200) + ".example.com";
    String a = ChildNames.of("p".repeat(60), node);
    String b = ChildNames.of("p".repeat(60), node + "x");
    assertThat(a)
        .hasSizeLessThanOrEqualTo(253)
        .isEqualTo(ChildNames.of("p".repeat(60), node))
        .isNotEqualTo(b);
    assertThat(a).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  }
}
