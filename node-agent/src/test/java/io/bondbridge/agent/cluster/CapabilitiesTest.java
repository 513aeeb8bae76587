package io.bondbridge.agent.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CapabilitiesTest {
  private static String status(String capEff) {
    return "Name:\tjava\nUid:\t0\t0\t0\t0\nCapInh:\t0000000000000000\nCapPrm:\t"
        + capEff
        + "\nCapEff:\t"
        + capEff
        + "\nCapBnd:\t"
        + capEff
        + "\nNoNewPrivs:\t1\n";
  }

  @Test
  void theChartsContainerHasAllItNeeds() {
    assertThat(Capabilities.parse(status("0000000000003000")).missing()).isEmpty();
  }

  @Test
  void fullRootHasAllItNeeds() {
    assertThat(Capabilities.parse(status("000001ffffffffff")).missing()).isEmpty();
  }

  @Test
  void namesWhatIsMissing() {
    assertThat(Capabilities.parse(status("0000000000002000")).missing())
        .containsExactly("NET_ADMIN");
    assertThat(Capabilities.parse(status("0000000000000000")).missing())
        .containsExactly("NET_ADMIN", "NET_RAW");
  }

  @Test
  void aStatusWithoutCapEffIsAnError() {
    assertThatThrownBy(() -> Capabilities.parse("Name:\tjava\n"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
