package io.bondbridge.agent.cluster;

import io.bondbridge.agent.kube.ApiClient;
import io.bondbridge.agent.kube.ApiException;
import io.bondbridge.agent.kube.ApiPaths;
import io.bondbridge.api.v1alpha1.BondBridgeNode;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatus;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatusBuilder;
import io.bondbridge.api.v1alpha1.NodeDrill;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each BondBridgeNode's status, and only when it differs from the last one written: an idle
 * node writes nothing. With the API server away the latest status is kept (one per child, not a
 * queue: only the newest matters) and written in a later {@link RetryQueue} round. Worker thread
 * only, but for {@link #linkEventAt}.
 */
final class StatusWriter {
  private static final Logger LOG = LoggerFactory.getLogger(StatusWriter.class);

  private final ApiClient client;
  private final AgentMetrics metrics;
  private final RetryQueue retry;
  private final Map<String, BondBridgeNodeStatus> written = new HashMap<>();
  private final Map<String, BondBridgeNodeStatus> unwritten = new HashMap<>();
  // System.nanoTime() of the first link event not yet followed by a status write; 0: none
  private final AtomicLong eventSince = new AtomicLong();

  StatusWriter(ApiClient client, AgentMetrics metrics, RetryQueue retry) {
    this.client = client;
    this.metrics = metrics;
    this.retry = retry;
  }

  /** The status the API server has, as the watch first showed it. */
  void known(String name, BondBridgeNodeStatus status) {
    if (!written.containsKey(name) && status != null) {
      written.put(name, status);
    }
  }

  /** The status as the agent last made it: the base of the next (conditions keep their times). */
  BondBridgeNodeStatus current(String name) {
    BondBridgeNodeStatus pending = unwritten.get(name);
    return pending != null ? pending : written.get(name);
  }

  /**
   * Writes the status if it differs from the last one made. Returns false when the API server could
   * not be reached: the status is kept and written later.
   */
  boolean write(String name, BondBridgeNodeStatus desired) {
    desired = withDrillKept(current(name), desired);
    if (desired.equals(current(name)) && !unwritten.containsKey(name)) {
      return true;
    }
    if (LOG.isDebugEnabled()) {
      LOG.debug("{}: status changed\n was: {}\n now: {}", name, current(name), desired);
    }
    unwritten.put(name, desired);
    return flush(name);
  }

  /**
   * Writes the child's drill record into its status, the rest as it was: the drill is the only
   * writer of {@code status.drill}, every other status keeps it ({@link #withDrillKept}).
   */
  boolean writeDrill(String name, NodeDrill drill) {
    BondBridgeNodeStatus now = current(name);
    BondBridgeNodeStatusBuilder status =
        now == null ? new BondBridgeNodeStatusBuilder() : new BondBridgeNodeStatusBuilder(now);
    return write(name, status.withDrill(drill).build());
  }

  /** The drill (or the last one) {@code from} reported, kept in a status made without it. */
  private static BondBridgeNodeStatus withDrillKept(
      BondBridgeNodeStatus from, BondBridgeNodeStatus desired) {
    if (from == null || from.drill() == null || desired.drill() != null) {
      return desired;
    }
    return new BondBridgeNodeStatusBuilder(desired).withDrill(from.drill()).build();
  }

  boolean pending(String name) {
    return unwritten.containsKey(name);
  }

  boolean flush(String name) {
    BondBridgeNodeStatus status = unwritten.get(name);
    if (status == null) {
      return true;
    }
    try {
      // the whole status in one JSON patch of the status subresource: the agent is its only
      // writer, so no read before it and no cached object as a patch base ("add" replaces it)
      client.jsonPatch(
          ApiPaths.status(BondBridgeNode.class, name),
          List.of(Map.of("op", "add", "path", "/status", "value", status)));
      metrics.statusWritten();
      long since = eventSince.getAndSet(0);
      if (since != 0) {
        metrics.linkEventToStatus(Duration.ofNanos(System.nanoTime() - since));
      }
      written.put(name, status);
      unwritten.remove(name, status);
      return true;
    } catch (ApiException e) {
      if (e.code() == 404) {
        unwritten.remove(name); // gone: nothing to report on
        return true;
      }
      LOG.warn("{}: cannot write status ({}), kept for later", name, e.brief());
      retry.later(name);
      return false;
    }
  }

  void forget(String name) {
    written.remove(name);
    unwritten.remove(name);
  }

  /** From the link monitor's thread: times the way from a link event to the status it changes. */
  void linkEventAt(long nanoTime) {
    eventSince.compareAndSet(0, nanoTime);
  }
}
