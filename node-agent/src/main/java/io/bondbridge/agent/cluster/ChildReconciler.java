package io.bondbridge.agent.cluster;

import io.bondbridge.agent.Engine;
import io.bondbridge.api.v1alpha1.BondBridgeNode;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatus;
import io.bondbridge.api.v1alpha1.CleanupPolicy;
import io.bondbridge.api.v1alpha1.Phase;
import io.bondbridge.api.v1alpha1.ReadError;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One BondBridgeNode's lifecycle on this host, one call at a time and synchronous (a test calls it
 * directly): the finalizer on first sight, each new generation applied once (after finishing what
 * an earlier run of the agent left unconfirmed), and on deletion a teardown (or, with {@code
 * cleanup: Orphan}, the host left as it is) before the finalizer goes. What the API server did not
 * take, and corrections that wait for a second look, come back through {@link #retry}.
 */
final class ChildReconciler {
  private static final Logger LOG = LoggerFactory.getLogger(ChildReconciler.class);

  private final Children children;
  private final NodeHost host;
  private final ChildApplier applier;
  private final DriftCorrection drift;
  private final Finalizers finalizers;
  private final StatusWriter status;
  private final RetryQueue retry;
  private final AgentMetrics metrics;
  private final ChildDrills drills;
  private final Clock clock;

  ChildReconciler(
      Children children,
      NodeHost host,
      ChildApplier applier,
      DriftCorrection drift,
      Finalizers finalizers,
      StatusWriter status,
      RetryQueue retry,
      AgentMetrics metrics,
      ChildDrills drills,
      Clock clock) {
    this.children = children;
    this.host = host;
    this.applier = applier;
    this.drift = drift;
    this.finalizers = finalizers;
    this.status = status;
    this.retry = retry;
    this.metrics = metrics;
    this.drills = drills;
    this.clock = clock;
  }

  /**
   * Brings the host in line with the object as the watch shows it now, then runs the drill it asks
   * for, if any (on the spec as applied).
   *
   * @param obj the object, or null once it is gone
   */
  void reconcile(String name, BondBridgeNode obj) {
    converge(name, obj);
    children.get(name).ifPresent(drills::consider);
  }

  private void converge(String name, BondBridgeNode obj) {
    if (obj == null) {
      forget(name);
      children.gone(name);
      return;
    }
    if (obj.isMarkedForDeletion() && children.wasReleased(name, obj.getMetadata().getUid())) {
      return;
    }
    status.known(name, obj.getStatus());
    ChildState c =
        children.get(name).map(known -> known.withObject(obj)).orElse(ChildState.first(name, obj));
    children.put(c);
    if (obj.getSpec() == null) {
      unreadable(c);
      return;
    }
    if (obj.isMarkedForDeletion()) {
      if (Finalizers.has(obj)) {
        release(c);
      } else {
        forget(name);
      }
      return;
    }
    if (!Finalizers.has(obj) && !finalized(c, finalizers.add(obj))) {
      return;
    }
    long generation = c.generation();
    if (c.appliedGeneration() == generation) {
      return;
    }
    BondBridgeNodeStatus known = obj.getStatus();
    if (c.appliedGeneration() < 0
        && known != null
        && Objects.equals(known.observedGeneration(), generation)
        && (known.phase() == Phase.Failed || known.phase() == Phase.RolledBack)) {
      // A generation that failed here is tried again when the spec changes, not on every restart.
      children.put(c.tried(generation).withStage(ChildState.Stage.NOT_APPLIED));
      return;
    }
    c = c.withStage(ChildState.Stage.NEW); // a new generation: watched once it is on the host
    children.put(c);
    try {
      if (c.appliedGeneration() < 0) {
        host.recover(obj.getSpec())
            .ifPresent(v -> LOG.info("{}: an earlier unconfirmed change was {}", name, v.kind()));
      }
      ChildApplier.Outcome outcome = applier.apply(c, generation, host.plan(obj.getSpec()));
      children.put(outcome.child().withStage(stageAfter(outcome.kind())));
    } catch (RuntimeException e) {
      // e.g. ip itself failed, or did not finish in time: report it; a new spec tries again
      children.put(applier.hostError(c, generation, e).withStage(ChildState.Stage.NOT_APPLIED));
    }
  }

  /**
   * A spec the API types cannot read (e.g. a VLAN id past 32 bits from an older CRD) is reported
   * once per generation and nothing is done; the host is left as it is, also on deletion (what to
   * tear down cannot be read), and every other child is still served.
   */
  private void unreadable(ChildState c) {
    long generation = c.generation();
    if (c.appliedGeneration() == generation) {
      return;
    }
    children.put(c.tried(generation).withStage(ChildState.Stage.NOT_APPLIED));
    String why =
        c.object().readErrors().stream()
            .filter(e -> e.path().startsWith("spec"))
            .findFirst()
            .map(ReadError::describe)
            .orElse("it has none");
    LOG.warn("{}: not applied, the spec cannot be read: {}", c.name(), why);
    status.write(
        c.name(),
        ObservedStatus.failed(
            generation,
            status.current(c.name()),
            "InvalidSpec",
            "the spec cannot be read, nothing was changed: " + why,
            clock.instant()));
  }

  private static ChildState.Stage stageAfter(ChildApplier.Kind kind) {
    return switch (kind) {
      case CHANGED, UNCHANGED -> ChildState.Stage.APPLIED;
      case REFUSED, FAILED -> ChildState.Stage.NOT_APPLIED;
      case DEFERRED -> ChildState.Stage.NEW;
    };
  }

  /**
   * A retry round for this child: its status once more, then what it waits for — its generation (or
   * deletion) if that has not gone through, else a second look after a drift correction. Returns
   * false if the API server is still away.
   */
  boolean retry(String name, BondBridgeNode latest) {
    ChildState c = children.get(name).orElse(null);
    if (c == null) {
      return true;
    }
    boolean ok = status.flush(name);
    BondBridgeNode seen = c.object();
    if (c.appliedGeneration() < 0
        || c.appliedGeneration() != c.generation()
        || seen.isMarkedForDeletion()) {
      reconcile(name, latest);
    } else if (c.recheckDue()) {
      children.put(drift.correct(c));
    }
    return ok;
  }

  /** Deletion: tear down (cleanup Restore) or leave the host as it is (Orphan), then let go. */
  private void release(ChildState c) {
    BondBridgeNode obj = c.object();
    BondBridgeNodeSpec spec = obj.getSpec();
    children.put(c.withStage(ChildState.Stage.RELEASING));
    if (spec.cleanup() != CleanupPolicy.Orphan) {
      long generation = c.generation();
      if (!status.write(
          c.name(),
          ObservedStatus.tearingDown(
              generation,
              status.current(c.name()),
              "removing " + spec.bond().name(),
              clock.instant()))) {
        retry.later(c.name());
        return;
      }
      Engine.Outcome outcome = host.delete(spec);
      if (!outcome.ok()) {
        String error = outcome.failure();
        status.write(
            c.name(),
            ObservedStatus.failed(
                generation,
                status.current(c.name()),
                "TeardownFailed",
                "teardown failed, tried again: " + error,
                clock.instant()));
        retry.later(c.name());
        return;
      }
      LOG.info("{}: torn down", c.name());
    } else {
      LOG.info("{}: orphaned (cleanup: Orphan), the host keeps {}", c.name(), spec.bond().name());
    }
    metrics.forget(spec.bond().name());
    if (finalized(c, finalizers.remove(obj))) {
      forget(c.name());
      children.released(c.name(), obj.getMetadata().getUid());
    }
  }

  /** True if the finalizer change went through; else what it takes to try again. */
  private boolean finalized(ChildState c, Finalizers.Result result) {
    switch (result) {
      case DONE:
        return true;
      case GONE:
        forget(c.name());
        break;
      case UNREACHABLE:
        retry.later(c.name());
        break;
      case CONFLICT:
        break; // the watch brings the new version
    }
    return false;
  }

  private void forget(String name) {
    children.remove(name);
    status.forget(name);
    retry.forget(name);
  }
}
