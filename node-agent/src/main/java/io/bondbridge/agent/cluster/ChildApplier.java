package io.bondbridge.agent.cluster;

import io.bondbridge.agent.Engine;
import io.bondbridge.agent.apply.Applier;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.plan.Plan;
import io.bondbridge.agent.safety.Verdict;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts one generation of a child on the host through the guarded engine (refusals, probes,
 * rollback) and says how it went in the child's status: Applying first, then Ready or Degraded from
 * the host as observed after it, or Failed / RolledBack with the reason. A spec change and a drift
 * correction both come through here. Worker thread only.
 */
final class ChildApplier {
  private static final Logger LOG = LoggerFactory.getLogger(ChildApplier.class);

  /** How an apply ended. */
  enum Kind {
    /** The host already matched. */
    UNCHANGED,
    CHANGED,
    /** Refused before any change (a foreign device, a missing NIC). */
    REFUSED,
    /** A step or a probe failed; the host was restored (or says it could not be). */
    FAILED,
    /** Not tried: the API server is away, the host is left as it is until it is back. */
    DEFERRED
  }

  /**
   * @param child the child after it (the generation tried, the host observed after it)
   * @param done the plan carried out, for {@link Kind#CHANGED} and {@link Kind#UNCHANGED}
   */
  record Outcome(ChildState child, Kind kind, Plan done) {}

  private final NodeHost host;
  private final StatusWriter status;
  private final LinkReport report;
  private final RetryQueue retry;
  private final AgentMetrics metrics;
  private final Clock clock;

  ChildApplier(
      NodeHost host,
      StatusWriter status,
      LinkReport report,
      RetryQueue retry,
      AgentMetrics metrics,
      Clock clock) {
    this.host = host;
    this.status = status;
    this.report = report;
    this.retry = retry;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Applies {@code plan}'s spec (planned just before, on the host as it is). */
  Outcome apply(ChildState c, long generation, Plan plan) {
    BondBridgeNodeSpec spec = c.object().getSpec();
    long started = System.nanoTime();
    Plan done = plan;
    if (plan.isRefused()) {
      return refused(c, plan, generation, started);
    }
    if (!plan.isEmpty()) {
      String message = "applying " + plan.steps().size() + " steps";
      if (!status.write(
          c.name(),
          ObservedStatus.applying(
              generation, status.current(c.name()), message, clock.instant()))) {
        retry.later(c.name());
        return new Outcome(c, Kind.DEFERRED, null);
      }
      Engine.Outcome outcome = host.apply(spec, plan);
      if (outcome.plan().isRefused()) {
        return refused(c, outcome.plan(), generation, started);
      }
      if (!outcome.ok()) {
        return notApplied(c, outcome, generation, started);
      }
      done = outcome.plan();
      metrics.applied("applied", since(started));
      LOG.info("{}: applied generation {} ({} steps)", c.name(), generation, done.steps().size());
    } else {
      metrics.applied("unchanged", since(started));
    }
    HostState now = host.observe();
    // the baseline for link changes: what the apply itself did is not a failover
    ChildState applied =
        c.tried(generation).withHost(now).withBond(now.bond(spec.bond().name()).orElse(null));
    return new Outcome(
        report.report(applied, now), done.isEmpty() ? Kind.UNCHANGED : Kind.CHANGED, done);
  }

  /** The host could not be read or changed at all (e.g. {@code ip} failed): Failed, HostError. */
  ChildState hostError(ChildState c, long generation, RuntimeException e) {
    LOG.warn("{}: {}", c.name(), e.toString());
    status.write(
        c.name(),
        ObservedStatus.failed(
            generation,
            status.current(c.name()),
            "HostError",
            String.valueOf(e.getMessage()),
            clock.instant()));
    return c.tried(generation);
  }

  /** A step failed (the steps done were undone) or a probe failed after it (rolled back). */
  private Outcome notApplied(ChildState c, Engine.Outcome outcome, long generation, long started) {
    metrics.applied(outcome.rolledBack() ? "rolled-back" : "failed", since(started));
    Verdict verdict = outcome.verdict();
    Applier.Result result = outcome.result();
    boolean restored =
        verdict != null ? verdict.hostRestored() : result == null || result.restored();
    List<String> restoreErrors =
        verdict != null
            ? verdict.restoreErrors()
            : result == null ? List.of() : result.undoErrors();
    String ending =
        restored
            ? "; host restored"
            : "; restoring failed too, the host needs a look: " + String.join("; ", restoreErrors);
    if (outcome.rolledBack()) {
      status.write(
          c.name(),
          ObservedStatus.rolledBack(
              generation,
              status.current(c.name()),
              restored ? "ProbeFailed" : "RestoreFailed",
              "applied, but " + verdict.failedProbe() + " failed afterwards" + ending,
              clock.instant()));
    } else {
      String error = result != null && result.error() != null ? result.error() : "not applied";
      status.write(
          c.name(),
          ObservedStatus.failed(
              generation,
              status.current(c.name()),
              restored ? "ApplyFailed" : "RestoreFailed",
              error + ending,
              clock.instant()));
    }
    return new Outcome(c.tried(generation), Kind.FAILED, null);
  }

  private Outcome refused(ChildState c, Plan plan, long generation, long started) {
    metrics.applied("refused", since(started));
    status.write(
        c.name(),
        ObservedStatus.failed(
            generation,
            status.current(c.name()),
            "Refused",
            "refused, nothing was changed: " + String.join("; ", plan.refusals()),
            clock.instant()));
    return new Outcome(c.tried(generation), Kind.REFUSED, null);
  }

  private static Duration since(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }
}
