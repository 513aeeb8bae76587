package io.bondbridge.agent.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bondbridge.agent.exec.ProcessRunner;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The monitor process: every line is an event, and a monitor that dies is started again (with an
 * observation, since changes may have been missed meanwhile). A stand-in command plays {@code ip -o
 * monitor link}, which needs no privileges but a kernel's events to say anything.
 */
class KernelLinkMonitorTest {

  @Test
  void everyLineIsAnEventAndADeadMonitorIsStartedAgain() {
    AtomicInteger events = new AtomicInteger();
    // two "link" lines, then the process dies
    KernelLinkMonitor monitor =
        new KernelLinkMonitor(
            new ProcessRunner(),
            List.of("sh", "-c", "echo '2: eth0: <NO-CARRIER>'; echo '3: eth1'"));
    try {
      monitor.start(events::incrementAndGet);

      await().atMost(Duration.ofSeconds(10)).until(() -> monitor.restarts() >= 2);

      assertThat(monitor.alive()).isTrue();
      // 2 lines per run, plus one observation on each restart
      assertThat(events.get()).isGreaterThanOrEqualTo(2 + 3);
    } finally {
      monitor.close();
    }
    assertThat(monitor.alive()).isFalse();
  }
}
