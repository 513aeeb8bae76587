package io.bondbridge.agent.cluster;

import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.plan.Plan;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the host on the generation applied: when an observation shows the host left it (a bond
 * deleted by hand, a port released), puts it back through the same guarded path as a spec change
 * and tells so in a {@code DriftCorrected} Event. A pulled cable is not drift ({@link Drift}).
 * Worker thread only.
 */
final class DriftCorrection {
  private static final Logger LOG = LoggerFactory.getLogger(DriftCorrection.class);

  private final NodeHost host;
  private final ChildApplier applier;
  private final EventRecorder events;
  private final RetryQueue retry;
  private final AgentMetrics metrics;

  DriftCorrection(
      NodeHost host,
      ChildApplier applier,
      EventRecorder events,
      RetryQueue retry,
      AgentMetrics metrics) {
    this.host = host;
    this.applier = applier;
    this.events = events;
    this.retry = retry;
    this.metrics = metrics;
  }

  /**
   * The host as observed no longer matches the generation applied here (the planner would change
   * it), and no correction already waits for its retry round.
   */
  boolean drifted(ChildState c, HostState now) {
    return c.watchedForDrift()
        && !c.recheckDue()
        && c.current()
        && !host.plan(c.object().getSpec(), now).isEmpty();
  }

  /**
   * Puts the applied generation back. After a correction, or a failed one, a retry round looks
   * again after the backoff: a failed correction is tried again, and drift that comes back waits
   * for that round instead of being undone at the pace of its link events. A refusal (a foreign
   * device took our name) is not retried on a timer: only the host can change it, and the next link
   * event looks again.
   */
  ChildState correct(ChildState c) {
    BondBridgeNodeSpec spec = c.object().getSpec();
    long generation = c.generation();
    ChildApplier.Outcome outcome;
    try {
      Plan plan = host.plan(spec);
      if (plan.isEmpty() && c.onHost()) {
        return c.withStage(ChildState.Stage.APPLIED); // put back meanwhile
      }
      if (!plan.isEmpty()) {
        LOG.info("{}: the host drifted from generation {}, putting it back", c.name(), generation);
      }
      // an empty plan after a failed correction: the host matches again, the status says so
      outcome = applier.apply(c, generation, plan);
    } catch (RuntimeException e) {
      // e.g. ip itself failed: reported as for a spec change, and looked at again later
      retry.later(c.name());
      return applier.hostError(c, generation, e).withStage(ChildState.Stage.CORRECTION_FAILED);
    }
    ChildState after = outcome.child();
    return switch (outcome.kind()) {
      case UNCHANGED -> after.withStage(ChildState.Stage.APPLIED);
      case REFUSED -> after.withStage(ChildState.Stage.CORRECTION_REFUSED);
      case FAILED, DEFERRED -> {
        retry.later(c.name());
        yield after.withStage(ChildState.Stage.CORRECTION_FAILED);
      }
      case CHANGED -> {
        retry.later(c.name());
        metrics.driftCorrected(spec.bond().name());
        String message = Drift.correctedMessage(outcome.done());
        LOG.info("{}: {}", c.name(), message);
        events.record(after.object(), Drift.CORRECTED, "Normal", message, message);
        yield after.withStage(ChildState.Stage.CORRECTED);
      }
    };
  }
}
