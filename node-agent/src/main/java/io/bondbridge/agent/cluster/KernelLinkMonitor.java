package io.bondbridge.agent.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Link events from the kernel: a long-running {@code ip -o monitor link}, one line per netlink
 * RTM_NEWLINK/RTM_DELLINK message (a port losing carrier, a bond changing its active port). The
 * line itself is not parsed: any change means "observe the host again", which reads the full truth
 * (the kernel's bond view is richer than a monitor line). If the process dies it is started again.
 *
 * <p>Why not {@code -j}: iproute2 6.1 ignores it for {@code monitor} and prints text anyway.
 */
public final class KernelLinkMonitor implements LinkEvents {
  private static final Logger LOG = LoggerFactory.getLogger(KernelLinkMonitor.class);

  private final List<String> command;
  private final AtomicLong restarts = new AtomicLong();
  private volatile boolean running;
  private volatile Process process;
  private Thread reader;

  public KernelLinkMonitor() {
    this(List.of("ip", "-o", "monitor", "link"));
  }

  public KernelLinkMonitor(List<String> command) {
    this.command = List.copyOf(command);
  }

  @Override
  public void start(Runnable onEvent) {
    running = true;
    reader = new Thread(() -> loop(onEvent), "ip-monitor-link");
    reader.setDaemon(true);
    reader.start();
  }

  private void loop(Runnable onEvent) {
    long backoffMillis = 100;
    while (running) {
      long started = System.nanoTime();
      try {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        process = p;
        p.getOutputStream().close();
        // Anything may have changed while no monitor ran: observe once on every (re)start.
        if (restarts.get() > 0) {
          onEvent.run();
        }
        try (BufferedReader lines =
            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
          while (lines.readLine() != null) {
            onEvent.run();
          }
        }
        int exit = p.waitFor();
        if (running) {
          LOG.warn("{} exited ({}), starting it again", String.join(" ", command), exit);
        }
      } catch (IOException e) {
        if (running) {
          LOG.warn("cannot run {}: {}", String.join(" ", command), e.getMessage());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (!running) {
        return;
      }
      restarts.incrementAndGet();
      // a monitor that ran for a while restarts at once; one that keeps dying backs off
      backoffMillis =
          System.nanoTime() - started > 10_000_000_000L ? 100 : Math.min(backoffMillis * 2, 5_000);
      try {
        Thread.sleep(backoffMillis);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** How many times the monitor process was started again after it died. */
  public long restarts() {
    return restarts.get();
  }

  @Override
  public boolean alive() {
    return running && reader != null && reader.isAlive();
  }

  @Override
  public void close() {
    running = false;
    Process p = process;
    if (p != null) {
      p.destroy();
    }
    if (reader != null) {
      reader.interrupt();
    }
  }
}
