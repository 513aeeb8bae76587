package io.bondbridge.agent.cluster;

import io.bondbridge.agent.kube.ApiClient;
import io.bondbridge.agent.kube.ApiException;
import io.bondbridge.agent.kube.ApiPaths;
import io.bondbridge.api.v1alpha1.BondBridgeNode;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes Events about a BondBridgeNode and the BondBridge it was resolved from, the way the
 * Kubernetes event recorder keeps them: a repeat of what one Event already tells (same object,
 * type, reason and {@link #record subject}) bumps that Event's count and lastTimestamp and takes
 * the newest message, instead of creating another object. A port that flaps all day is one PortDown
 * and one PortUp Event with a count, not one object per flap.
 *
 * <p>With the API server away, occurrences wait (repeats folded into one, the newest 100 kept; the
 * status holds the totals) and are written in a later {@link RetryQueue} round. Worker thread only.
 */
final class EventRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  private static final int MAX_PENDING = 100;
  private static final int MAX_KNOWN = 512;

  private final ApiClient client;
  private final String namespace;
  private final String node;
  private final Clock clock;
  private final RetryQueue retry;
  private final Map<Key, Occurrence> pending = new LinkedHashMap<>();
  // the Events written, by what they tell: the newest MAX_KNOWN, as the Kubernetes recorder's LRU
  private final Map<Key, Written> known =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Written> eldest) {
          return size() > MAX_KNOWN;
        }
      };
  private long sequence;

  /** What one Event tells: a repeat of it is counted, not written anew. */
  record Key(String kind, String name, String uid, String type, String reason, String subject) {}

  private record Occurrence(
      ObjectReference about, String message, String first, String last, int count) {
    Occurrence again(Occurrence later) {
      return new Occurrence(about, later.message, first, later.last, count + later.count);
    }
  }

  private record Written(String name, int count) {}

  EventRecorder(ApiClient client, String namespace, String node, Clock clock, RetryQueue retry) {
    this.client = client;
    this.namespace = namespace;
    this.node = node;
    this.clock = clock;
    this.retry = retry;
  }

  void record(BondBridgeNode child, LinkChange change) {
    // a failover is the bond's, whichever port it went to; a port's change is that port's
    String subject =
        LinkChange.FAILOVER.equals(change.reason())
            ? change.bond()
            : change.bond() + "/" + change.port();
    record(child, change.reason(), change.eventType(), subject, change.message());
  }

  /**
   * @param subject what the Event is about within the object (a bond, a port): repeats about the
   *     same subject are counted on one Event, whatever numbers their messages carry
   */
  void record(BondBridgeNode child, String reason, String type, String subject, String message) {
    String at = clock.instant().toString();
    for (ObjectReference about : about(child)) {
      Key key = new Key(about.getKind(), about.getName(), about.getUid(), type, reason, subject);
      pending.merge(key, new Occurrence(about, message, at, at, 1), Occurrence::again);
    }
    Iterator<Key> oldest = pending.keySet().iterator();
    while (pending.size() > MAX_PENDING) {
      oldest.next();
      oldest.remove();
    }
    flush();
  }

  boolean pending() {
    return !pending.isEmpty();
  }

  /** Writes what waits, oldest first. Returns false if the API server is away (tried later). */
  boolean flush() {
    while (!pending.isEmpty()) {
      Map.Entry<Key, Occurrence> next = pending.entrySet().iterator().next();
      Key key = next.getKey();
      Occurrence o = next.getValue();
      Written was = known.get(key);
      try {
        known.put(key, was == null ? create(key, o) : bump(was, o));
        pending.remove(key);
      } catch (ApiException e) {
        if (was != null && e.code() == 404) {
          known.remove(key); // expired (the API server keeps Events an hour): a new one
          continue;
        }
        if (e.code() == 403) {
          LOG.warn(
              "may not write Events in namespace {} (RBAC; --event-namespace must match the"
                  + " agent's Role): {} dropped",
              namespace,
              key.reason());
        }
        if (e.code() == 409 || e.code() == 422 || e.code() == 403) {
          pending.remove(key); // will never be accepted: drop it
          continue;
        }
        LOG.warn("cannot write event ({}), kept for later", e.brief());
        retry.later();
        return false;
      }
    }
    return true;
  }

  private Written create(Key key, Occurrence o) throws ApiException {
    String name = o.about().getName() + "." + Long.toHexString(clock.millis()) + sequence++;
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .endMetadata()
            .withInvolvedObject(o.about())
            .withReason(key.reason())
            .withMessage(o.message())
            .withType(key.type())
            .withFirstTimestamp(o.first())
            .withLastTimestamp(o.last())
            .withCount(o.count())
            .withNewSource()
            .withComponent("bondbridge-agent")
            .withHost(node)
            .endSource()
            .withReportingComponent("bondbridge.io/agent")
            .withReportingInstance(node)
            .build();
    client.create(ApiPaths.events(namespace), event);
    return new Written(name, o.count());
  }

  /** A merge patch of what a repeat changes: count, lastTimestamp, the newest message. */
  private Written bump(Written was, Occurrence o) throws ApiException {
    int count = was.count() + o.count();
    Event change =
        new EventBuilder()
            .withNewMetadata()
            .withName(was.name())
            .withNamespace(namespace)
            .endMetadata()
            .withCount(count)
            .withLastTimestamp(o.last())
            .withMessage(o.message())
            .build();
    client.mergePatch(ApiPaths.event(namespace, was.name()), change);
    return new Written(was.name(), count);
  }

  /** The BondBridgeNode, and the BondBridge it was resolved from. */
  private static List<ObjectReference> about(BondBridgeNode child) {
    List<ObjectReference> about = new ArrayList<>();
    about.add(
        new ObjectReferenceBuilder()
            .withApiVersion(child.getApiVersion())
            .withKind(child.getKind())
            .withName(child.getMetadata().getName())
            .withUid(child.getMetadata().getUid())
            .build());
    for (OwnerReference owner : child.getMetadata().getOwnerReferences()) {
      if ("BondBridge".equals(owner.getKind())) {
        about.add(
            new ObjectReferenceBuilder()
                .withApiVersion(owner.getApiVersion())
                .withKind(owner.getKind())
                .withName(owner.getName())
                .withUid(owner.getUid())
                .build());
      }
    }
    return about;
  }
}
