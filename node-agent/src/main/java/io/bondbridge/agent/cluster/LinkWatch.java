package io.bondbridge.agent.cluster;

import io.bondbridge.agent.host.BondPort;
import io.bondbridge.agent.host.BondState;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Link;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Link events from the kernel, turned into reports: no polling. On an event, a quick look at once
 * (/proc/net/bonding, where a failover shows the moment the kernel makes it), then a full
 * observation once the bond has acted on it (updelay, downdelay, MII polling; a burst of events
 * coalesces into one), which also looks for drift. Link events arrive on the monitor's thread; the
 * looks run on the worker.
 */
final class LinkWatch {
  private static final Duration COALESCE = Duration.ofMillis(20);
  private static final int MAX_SETTLE_ROUNDS = 5;

  private final Worker worker;
  private final Children children;
  private final NodeHost host;
  private final LinkReport report;
  private final DriftCorrection drift;
  private final StatusWriter status;
  private final AgentMetrics metrics;
  private final AtomicBoolean glanceQueued = new AtomicBoolean();
  private final AtomicBoolean observeQueued = new AtomicBoolean();
  private final AtomicBoolean kernelSpoke = new AtomicBoolean();
  private int settleRounds; // worker thread only

  LinkWatch(
      Worker worker,
      Children children,
      NodeHost host,
      LinkReport report,
      DriftCorrection drift,
      StatusWriter status,
      AgentMetrics metrics) {
    this.worker = worker;
    this.children = children;
    this.host = host;
    this.report = report;
    this.drift = drift;
    this.status = status;
    this.metrics = metrics;
  }

  /** From the link monitor's thread: a burst of events queues one quick look. */
  void linkEvent() {
    metrics.linkEvent();
    kernelSpoke.set(true);
    status.linkEventAt(System.nanoTime());
    queueGlance(Duration.ZERO);
  }

  private void queueGlance(Duration after) {
    if (glanceQueued.compareAndSet(false, true)) {
      worker.schedule("glance", after, this::glance);
    }
  }

  private void queueObservation(Duration after) {
    if (observeQueued.compareAndSet(false, true)) {
      worker.schedule("observe", after, this::observe);
    }
  }

  /**
   * Reports the bonds' dynamic state from /proc/net/bonding over the last full observation; the
   * full one follows and, as a rule, changes nothing more.
   */
  private void glance() {
    glanceQueued.set(false);
    List<ChildState> all = children.all();
    HostState lastFull =
        all.stream().map(ChildState::lastHost).filter(Objects::nonNull).findFirst().orElse(null);
    // run now, the full observation would keep this thread busy just when the failover comes
    queueObservation(lastFull == null ? COALESCE : settleTime(all, lastFull));
    for (ChildState c : all) {
      if (!c.onHost() || c.lastHost() == null || c.lastBond() == null || !c.current()) {
        continue;
      }
      BondState quick = host.glance(c.lastBond().name()).orElse(null);
      if (quick == null) {
        continue;
      }
      BondState merged = BondGlance.merge(c.lastBond(), quick);
      if (!merged.equals(c.lastBond())) {
        Map<String, BondState> bonds = new HashMap<>(c.lastHost().bonds());
        bonds.put(merged.name(), merged);
        // all else as last read: the VLAN tables, DHCP clients and resolver settings too
        reportSettled(c, c.lastHost().withBonds(bonds));
      }
    }
  }

  private void observe() {
    observeQueued.set(false);
    if (kernelSpoke.getAndSet(false)) {
      settleRounds = 0;
    }
    if (children.all().stream().noneMatch(ChildState::watchedForDrift)) {
      return;
    }
    HostState now = host.observe();
    boolean unsettled = false;
    for (ChildState c : children.all()) {
      if (c.onHost() && c.current()) {
        reportSettled(c.withHost(now), now);
        unsettled |= unsettled(c.object().getSpec(), now);
      }
    }
    for (ChildState c : children.all()) {
      if (drift.drifted(c, now)) {
        children.put(drift.correct(c));
      }
    }
    // The bond's MII view follows the carrier after updelay/downdelay, and a late change is not
    // always a netlink event of its own: look once more when that time has passed.
    if (unsettled && settleRounds++ < MAX_SETTLE_ROUNDS) {
      queueObservation(settleTime(children.all(), now));
    }
  }

  /**
   * Reports, unless the kernel is between the two steps of one failover (the active port marked
   * down, no other made active yet): told now, one failover would read as a port down that "stays
   * the active port" followed by a bare failover. Its next step follows within one MII poll.
   */
  private void reportSettled(ChildState c, HostState now) {
    BondState bond = now.bond(c.object().getSpec().bond().name()).orElse(null);
    if (LinkChanges.midFailover(bond) && settleRounds++ < MAX_SETTLE_ROUNDS) {
      children.put(c); // keeps the full observation it was given
      queueGlance(Duration.ofMillis(2 * number(bond.options().get("miimon")) + 50));
      return;
    }
    children.put(report.report(c, now));
  }

  private static boolean unsettled(BondBridgeNodeSpec spec, HostState now) {
    BondState bond = now.bond(spec.bond().name()).orElse(null);
    if (bond == null) {
      return false;
    }
    for (BondPort port : bond.ports()) {
      boolean carrier = now.link(port.name()).map(Link::carrier).orElse(false);
      if (carrier != port.isUp()) {
        return true;
      }
    }
    return false;
  }

  private static Duration settleTime(List<ChildState> children, HostState now) {
    long millis = 0;
    for (ChildState c : children) {
      if (c.object() == null || c.object().getSpec() == null) {
        continue;
      }
      BondState bond = now.bond(c.object().getSpec().bond().name()).orElse(null);
      if (bond != null) {
        long delay =
            Math.max(
                number(bond.options().get("updelay")), number(bond.options().get("downdelay")));
        millis = Math.max(millis, delay + 2 * number(bond.options().get("miimon")) + 50);
      }
    }
    return Duration.ofMillis(Math.max(millis, 100));
  }

  private static long number(String value) {
    try {
      return value == null ? 0 : Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
