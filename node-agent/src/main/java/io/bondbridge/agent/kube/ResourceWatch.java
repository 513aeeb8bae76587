package io.bondbridge.agent.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * List, then watch from the list's resourceVersion, of the objects of one kind that a label
 * selector picks, kept in a store by name — what an informer does, for the agent's one watch:
 *
 * <ul>
 *   <li>a watch the API server ends (its {@code timeoutSeconds}) is opened again from the last
 *       resourceVersion seen (a bookmark's too), after a second if it ended as soon as it opened; a
 *       410 Gone lists anew;
 *   <li>a watch that stays open past its deadline without the server ending it (a connection that
 *       died without a FIN: the node's uplink changed under it) is closed and listed anew;
 *   <li>a failed list or watch is tried again with backoff (1 s to 30 s), for ever: the agent must
 *       serve its node once the API server answers.
 * </ul>
 *
 * The handler is told of each object added, changed (a new resourceVersion) or deleted, on the
 * watch's own thread, after the store says so.
 */
public final class ResourceWatch<T extends HasMetadata> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ResourceWatch.class);
  private static final Duration BACKOFF_MIN = Duration.ofSeconds(1);
  private static final Duration BACKOFF_MAX = Duration.ofSeconds(30);

  private final ApiClient api;
  private final String path;
  private final String labelSelector;
  private final Class<T> type;
  private final Consumer<T> handler;
  private final Duration watchFor;
  private final Duration grace;
  private final Map<String, T> store = new ConcurrentHashMap<>();
  private final Thread thread;

  private volatile boolean closed;
  private volatile boolean synced;
  private volatile boolean watching;
  private volatile WatchStream open;

  /** A 410 Gone: the resourceVersion is too old to watch from, list anew. */
  private static final class Gone extends Exception {
    Gone(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * @param path the kind's collection, e.g. {@code /apis/bondbridge.io/v1alpha1/bondbridgenodes}
   */
  public ResourceWatch(
      ApiClient api, String path, String labelSelector, Class<T> type, Consumer<T> handler) {
    this(api, path, labelSelector, type, handler, Duration.ofMinutes(5), Duration.ofSeconds(30));
  }

  /**
   * @param watchFor how long the API server is asked to keep each watch open ({@code
   *     timeoutSeconds}, less up to a tenth so that agents do not reconnect in step)
   * @param grace how long past that a silent watch is kept before it is taken for dead
   */
  ResourceWatch(
      ApiClient api,
      String path,
      String labelSelector,
      Class<T> type,
      Consumer<T> handler,
      Duration watchFor,
      Duration grace) {
    this.api = Objects.requireNonNull(api);
    this.path = Objects.requireNonNull(path);
    this.labelSelector = Objects.requireNonNull(labelSelector);
    this.type = Objects.requireNonNull(type);
    this.handler = Objects.requireNonNull(handler);
    this.watchFor = watchFor;
    this.grace = grace;
    thread = new Thread(this::run, "watch-" + path.substring(path.lastIndexOf('/') + 1));
    thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /** The first list is in (and the store holds it). */
  public boolean hasSynced() {
    return synced;
  }

  /** A watch is open now. */
  public boolean isWatching() {
    return watching;
  }

  /** Not closed, and its thread runs or is yet to start (it ends only when closed). */
  public boolean isAlive() {
    return !closed && (thread.isAlive() || thread.getState() == Thread.State.NEW);
  }

  public T get(String name) {
    return store.get(name);
  }

  public List<T> list() {
    return List.copyOf(store.values());
  }

  private void run() {
    Duration backoff = BACKOFF_MIN;
    while (!closed) {
      try {
        String version = relist();
        synced = true;
        backoff = BACKOFF_MIN;
        while (!closed) {
          long opened = System.nanoTime();
          version = watchFrom(version);
          if (System.nanoTime() - opened < BACKOFF_MIN.toNanos()) {
            // a watch ended as soon as it opened (a proxy that closes it): not a busy loop
            Thread.sleep(BACKOFF_MIN.toMillis());
          }
        }
      } catch (Gone e) {
        LOG.debug("{}: {}; listing anew", path, e.getMessage());
      } catch (InterruptedException e) {
        return; // closed
      } catch (ApiException | IOException | RuntimeException e) {
        watching = false;
        if (closed) {
          return;
        }
        String why = e instanceof ApiException a ? a.brief() : e.toString();
        LOG.warn("watching {} failed, retrying in {} s: {}", path, backoff.toSeconds(), why);
        try {
          Thread.sleep(backoff.toMillis());
        } catch (InterruptedException stop) {
          return;
        }
        backoff =
            backoff.multipliedBy(2).compareTo(BACKOFF_MAX) > 0
                ? BACKOFF_MAX
                : backoff.multipliedBy(2);
      }
    }
  }

  /** Lists, makes the store the list (telling what changed), returns the list's version. */
  private String relist() throws ApiException {
    JsonNode list = api.get(path, Map.of("labelSelector", labelSelector), JsonNode.class);
    Set<String> listed = new HashSet<>();
    for (JsonNode item : list.path("items")) {
      T obj = read(item);
      if (obj != null) {
        listed.add(obj.getMetadata().getName());
        put(obj);
      }
    }
    for (T gone : List.copyOf(store.values())) {
      if (!listed.contains(gone.getMetadata().getName())) {
        store.remove(gone.getMetadata().getName());
        handler.accept(gone);
      }
    }
    return list.path("metadata").path("resourceVersion").asText("");
  }

  /** Watches from {@code version} until the watch ends; returns the last version seen. */
  private String watchFrom(String version)
      throws ApiException, IOException, Gone, InterruptedException {
    long seconds = watchFor.toSeconds() - (long) (Math.random() * watchFor.toSeconds() / 10);
    Map<String, String> query =
        Map.of(
            "labelSelector",
            labelSelector,
            "watch",
            "true",
            "allowWatchBookmarks",
            "true",
            "resourceVersion",
            version,
            "timeoutSeconds",
            Long.toString(Math.max(1, seconds)));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds) + grace.toNanos();
    try (WatchStream events = api.watch(path, query)) {
      open = events;
      watching = true;
      String event;
      while (!closed
          && (event = events.next(TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())))
              != null) {
        version = event(ApiClient.JSON.readTree(event), version);
      }
      return version;
    } finally {
      watching = false;
      open = null;
    }
  }

  /** Applies one watch event to the store; returns the version it brings. */
  private String event(JsonNode event, String version) throws ApiException, Gone {
    String kind = event.path("type").asText();
    JsonNode object = event.path("object");
    switch (kind) {
      case "ERROR" -> {
        int code = object.path("code").asInt();
        String message = object.path("message").asText(kind);
        if (code == 410) {
          throw new Gone(message);
        }
        throw new ApiException(code, message);
      }
      case "BOOKMARK" -> {
        return object.path("metadata").path("resourceVersion").asText(version);
      }
      case "ADDED", "MODIFIED", "DELETED" -> {
        T obj = read(object);
        if (obj == null) {
          return version;
        }
        if ("DELETED".equals(kind)) {
          store.remove(obj.getMetadata().getName());
          handler.accept(obj);
        } else {
          put(obj);
        }
        String v = obj.getMetadata().getResourceVersion();
        return v != null ? v : version;
      }
      default -> {
        LOG.debug("{}: watch event of unknown type {}", path, kind);
        return version;
      }
    }
  }

  /** Stores {@code obj} and tells the handler, unless the store has this very version already. */
  private void put(T obj) {
    T was = store.put(obj.getMetadata().getName(), obj);
    String v = obj.getMetadata().getResourceVersion();
    if (was == null || v == null || !v.equals(was.getMetadata().getResourceVersion())) {
      handler.accept(obj);
    }
  }

  private T read(JsonNode object) {
    try {
      T obj = ApiClient.JSON.treeToValue(object, type);
      if (obj.getMetadata() == null || obj.getMetadata().getName() == null) {
        LOG.warn("{}: an object without a name, skipped", path);
        return null;
      }
      return obj;
    } catch (IOException | IllegalArgumentException e) {
      LOG.warn("{}: an object that cannot be read at all, skipped: {}", path, e.getMessage());
      return null;
    }
  }

  @Override
  public void close() {
    closed = true;
    WatchStream events = open;
    if (events != null) {
      events.close();
    }
    thread.interrupt();
  }
}
