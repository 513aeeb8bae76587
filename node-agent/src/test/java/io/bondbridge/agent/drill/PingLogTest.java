package io.bondbridge.agent.drill;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Loss and silence from ping -D's lines (their form as iputils' ping prints them). */
class PingLogTest {
  private static final long T0 = 1_796_000_000_000L;

  private static String reply(int seq, long millis) {
    return String.format(
        "[%d.%06d] 64 bytes from 10.0.0.1: icmp_seq=%d ttl=64 time=0.4 ms",
        millis / 1000, (millis % 1000) * 1000, seq);
  }

  @Test
  void theRequestsMissingBetweenTwoRepliesAreTheLostOnesAndTheGapTheSilence() {
    PingLog log = new PingLog();
    log.add("PING 10.0.0.1 (10.0.0.1) 56(84) bytes of data.");
    for (int seq = 1; seq <= 10; seq++) {
      log.add(reply(seq, T0 + seq * 10L));
    }
    // the port fails at T0+105: seqs 11..40 are lost, 41 comes at T0+410
    for (int seq = 41; seq <= 60; seq++) {
      log.add(reply(seq, T0 + seq * 10L));
    }
    log.add("From 10.0.0.2 icmp_seq=70 Destination Host Unreachable");

    assertThat(log.replies()).isEqualTo(30);
    PingLog.Loss outage = log.between(T0 + 105, T0 + 500);
    assertThat(outage.lost()).isEqualTo(30);
    assertThat(outage.longestSilenceMillis()).isEqualTo(305); // from the failure to seq 41
    assertThat(log.between(T0 + 500, T0 + 590)).isEqualTo(new PingLog.Loss(0, 10));
  }

  @Test
  void noReplyAfterTheStretchCountsTheWholeStretchAsSilence() {
    PingLog log = new PingLog();
    log.add(reply(1, T0));
    assertThat(log.between(T0 + 100, T0 + 600).longestSilenceMillis()).isEqualTo(500);
    assertThat(new PingLog().between(T0, T0 + 10)).isEqualTo(new PingLog.Loss(0, 0));
  }
}
