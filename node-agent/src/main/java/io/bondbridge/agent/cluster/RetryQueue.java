package io.bondbridge.agent.cluster;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What is to be tried again after the API server was away or a change did not hold: BondBridgeNode
 * names, in one round on the worker with backoff (0.5 s doubling up to 30 s, back to 0.5 s once a
 * round leaves nothing over). One round at a time, whatever the number of names, so a flood of
 * failures never becomes a flood of requests. Worker thread only.
 */
final class RetryQueue {
  static final Duration MIN = Duration.ofMillis(500);
  static final Duration MAX = Duration.ofSeconds(30);

  private final Worker worker;
  private final Runnable round;
  private final Set<String> names = new LinkedHashSet<>();
  private boolean queued;
  private Duration delay = MIN;

  /**
   * @param round what a round does: it {@link #take() takes} the names and calls {@link #settled()}
   *     if all went through
   */
  RetryQueue(Worker worker, Runnable round) {
    this.worker = Objects.requireNonNull(worker);
    this.round = Objects.requireNonNull(round);
  }

  /** A round later for this child. */
  void later(String name) {
    names.add(Objects.requireNonNull(name));
    later();
  }

  /** A round later, for what is not a child's (the pending Events). */
  void later() {
    if (queued) {
      return;
    }
    queued = true;
    Duration now = delay;
    delay = delay.multipliedBy(2).compareTo(MAX) > 0 ? MAX : delay.multipliedBy(2);
    worker.schedule(
        "retry",
        now,
        () -> {
          queued = false;
          round.run();
        });
  }

  /** The names due in this round; what they queue again goes to the next. */
  List<String> take() {
    List<String> due = List.copyOf(names);
    names.clear();
    return due;
  }

  boolean isEmpty() {
    return names.isEmpty();
  }

  void forget(String name) {
    names.remove(name);
  }

  /** Everything went through: the next failure starts the backoff from the beginning. */
  void settled() {
    delay = MIN;
  }
}
