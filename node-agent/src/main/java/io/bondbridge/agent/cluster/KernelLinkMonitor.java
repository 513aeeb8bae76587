package io.bondbridge.agent.cluster;

import io.bondbridge.agent.exec.CommandRunner;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
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
 *
 * <p>The process runs through the exec seam ({@link CommandRunner#follow}), as every other command.
 */
public final class KernelLinkMonitor implements LinkEvents {
  private static final Logger LOG = LoggerFactory.getLogger(KernelLinkMonitor.class);

  private final CommandRunner runner;
  private final List<String> command;
  private final AtomicLong restarts = new AtomicLong();
  private volatile boolean running;
  private volatile CommandRunner.Lines lines;
  private Thread reader;

  public KernelLinkMonitor(CommandRunner runner) {
    this(runner, List.of("ip", "-o", "monitor", "link"));
  }

  public KernelLinkMonitor(CommandRunner runner, List<String> command) {
    this.runner = Objects.requireNonNull(runner);
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
      try (CommandRunner.Lines monitor = runner.follow(command)) {
        lines = monitor;
        if (!running) {
          return; // closed while it started
        }
        // Anything may have changed while no monitor ran: observe once on every (re)start.
        if (restarts.get() > 0) {
          onEvent.run();
        }
        while (monitor.next() != null) {
          onEvent.run();
        }
        int exit = monitor.exitCode();
        if (running) {
          LOG.warn("{} exited ({}), starting it again", String.join(" ", command), exit);
        }
      } catch (UncheckedIOException e) {
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
    CommandRunner.Lines l = lines;
    if (l != null) {
      l.close();
    }
    if (reader != null) {
      reader.interrupt();
    }
  }
}
