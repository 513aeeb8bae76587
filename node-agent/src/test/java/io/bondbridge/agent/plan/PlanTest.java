package io.bondbridge.agent.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlanTest {
  private static final Step A = new LinkStep.SetLinkState("eth0", false);
  private static final Step B = new LinkStep.SetMaster("eth0", "bond0", null);
  private static final Step C = new AddressStep.AddAddress("br0", "10.0.0.2/24");
  private static final Step D = new LinkStep.SetLinkState("eth1", false);

  @Test
  void stepsAreWrittenOneByOneButARunTogetherIsOneWrite() {
    assertThat(Plan.of(List.of(A, B, C, D)).writes())
        .containsExactly(List.of(A), List.of(B), List.of(C), List.of(D));
    assertThat(Plan.of(List.of(A, B, C, D), List.of(new Plan.Together(1, 3))).writes())
        .containsExactly(List.of(A), List.of(B, C), List.of(D));
    assertThat(Plan.of(List.of(A, B, C, D), List.of(new Plan.Together(0, 4))).writes())
        .containsExactly(List.of(A, B, C, D));
  }

  @Test
  void runsMustLieInsideThePlanAndNotOverlap() {
    assertThatThrownBy(() -> Plan.of(List.of(A, B), List.of(new Plan.Together(1, 3))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                Plan.of(
                    List.of(A, B, C), List.of(new Plan.Together(0, 2), new Plan.Together(1, 3))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Plan.Together(2, 2)).isInstanceOf(IllegalArgumentException.class);
  }
}
