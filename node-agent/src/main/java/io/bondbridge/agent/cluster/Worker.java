package io.bondbridge.agent.cluster;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's one thread ({@code bondbridge-agent}): everything that touches the host or the
 * agent's state runs on it, so changes on one node happen one at a time and several BondBridges
 * cannot interfere. A job that throws is logged and the next one runs.
 */
final class Worker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

  private final ScheduledExecutorService executor;
  private volatile Thread thread;

  Worker() {
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "bondbridge-agent");
              t.setDaemon(true);
              thread = t;
              return t;
            });
  }

  void execute(String what, Runnable job) {
    schedule(what, Duration.ZERO, job);
  }

  void schedule(String what, Duration after, Runnable job) {
    try {
      executor.schedule(() -> run(what, job), after.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      LOG.debug("{} not run: the agent is stopping", what);
    }
  }

  private static void run(String what, Runnable job) {
    try {
      job.run();
    } catch (RuntimeException e) {
      LOG.warn("{} failed: {}", what, e.toString(), e);
    }
  }

  boolean isAlive() {
    Thread t = thread;
    return !executor.isShutdown() && (t == null || t.isAlive());
  }

  /** Waits until what is queued now has run: for tests and the benchmark. */
  void sync() {
    try {
      executor.submit(() -> {}).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("agent worker did not answer", e);
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
