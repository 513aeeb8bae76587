package io.bondbridge.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChildNamesTest {
  private static final String DNS_SUBDOMAIN =
      "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";

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
    assertThat(a).matches(DNS_SUBDOMAIN);
  }

  @Test
  void theLongestPairsStayValidAndDistinctAndKeepTheWholeBondBridgeName() {
    String bb = "b".repeat(63);
    Set<String> names = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String node = "n".repeat(240) + "." + i + "-" + "x".repeat(8);
      String name = ChildNames.of(bb, node);
      assertThat(name).hasSizeLessThanOrEqualTo(253).matches(DNS_SUBDOMAIN).startsWith(bb + ".");
      names.add(name);
    }
    assertThat(names).hasSize(1000);
  }

  @Test
  void aDotOrMoreThan63CharactersInTheBondBridgeNameIsAProblemAndSaysWhy() {
    // a.b on node c and a on node b.c would share the child a.b.c
    assertThat(ChildNames.of("a.b", "c")).isEqualTo(ChildNames.of("a", "b.c"));
    assertThat(ChildNames.problemWith("a.b"))
        .hasValueSatisfying(p -> assertThat(p).contains("dot"));
    assertThat(ChildNames.problemWith("x".repeat(64)))
        .hasValueSatisfying(p -> assertThat(p).contains("64 characters").contains("at most 63"));
    for (String fine : List.of("a", "uplink", "x".repeat(63))) {
      assertThat(ChildNames.problemWith(fine)).isEmpty();
    }
  }
}
