package io.bondbridge.agent.cluster;

import io.bondbridge.agent.host.BondState;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatus.Failover;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the kernel says about a child's bond, into its status and as Events: the link changes since
 * the last report (a failover, a port down or back), the metrics, then the status, written if it
 * changed. Worker thread only.
 */
final class LinkReport {
  private static final Logger LOG = LoggerFactory.getLogger(LinkReport.class);

  private final StatusWriter status;
  private final EventRecorder events;
  private final AgentMetrics metrics;
  private final Clock clock;

  LinkReport(StatusWriter status, EventRecorder events, AgentMetrics metrics, Clock clock) {
    this.status = status;
    this.events = events;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Reports the host as now observed; returns the child with it as the next baseline. */
  ChildState report(ChildState c, HostState now) {
    BondBridgeNodeSpec spec = c.object().getSpec();
    BondState bond = now.bond(spec.bond().name()).orElse(null);
    List<LinkChange> changes = LinkChanges.between(c.lastBond(), bond);
    Failover failover = c.lastFailover();
    if (LinkChanges.failedOver(c.lastBond(), bond)) {
      failover =
          new Failover(clock.instant().toString(), c.lastBond().activePort(), bond.activePort());
      metrics.failover(bond.name());
    }
    if (bond != null) {
      metrics.observed(bond);
    }
    ChildState reported = c.withBond(bond).withFailover(failover);
    // the status first: it is what kubectl and the operator wait for; the Events follow
    status.write(
        c.name(),
        ObservedStatus.live(
            spec, c.generation(), now, status.current(c.name()), failover, clock.instant()));
    for (LinkChange change : changes) {
      LOG.info("{}: {}", c.name(), change.message());
      events.record(c.object(), change);
    }
    return reported;
  }
}
