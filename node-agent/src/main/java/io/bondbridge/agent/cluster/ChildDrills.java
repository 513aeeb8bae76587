package io.bondbridge.agent.cluster;

import io.bondbridge.agent.drill.DrillReport;
import io.bondbridge.api.v1alpha1.BondBridgeNode;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatus;
import io.bondbridge.api.v1alpha1.DrillPhase;
import io.bondbridge.api.v1alpha1.DrillRequest;
import io.bondbridge.api.v1alpha1.NodeDrill;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The failover drill a BondBridgeDrill asks of one child (its {@link DrillRequest} annotation, set
 * by the operator on one node at a time): run once per request on the worker thread, so no change
 * and no other drill on this node runs meanwhile, and reported as {@code status.drill} (Running,
 * then the figures), an Event and metrics. A request the status already answers is done; one the
 * status shows Running is a drill an earlier run of the agent was cut off in: every port is set up
 * again and it is reported Failed.
 */
final class ChildDrills {
  private static final Logger LOG = LoggerFactory.getLogger(ChildDrills.class);
  static final String SUCCEEDED = "DrillSucceeded";
  static final String FAILED = "DrillFailed";
  static final String REFUSED = "DrillRefused";

  private final NodeHost host;
  private final StatusWriter status;
  private final EventRecorder events;
  private final AgentMetrics metrics;
  private final Clock clock;

  ChildDrills(
      NodeHost host, StatusWriter status, EventRecorder events, AgentMetrics metrics, Clock clock) {
    this.host = host;
    this.status = status;
    this.events = events;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Runs the child's drill if it asks for one not run yet. */
  void consider(ChildState c) {
    BondBridgeNode obj = c.object();
    if (obj == null || obj.getSpec() == null || obj.isMarkedForDeletion()) {
      return;
    }
    Optional<DrillRequest> asked;
    try {
      asked = DrillRequest.on(obj.getMetadata().getAnnotations());
    } catch (IllegalArgumentException e) {
      LOG.warn("{}: {}", c.name(), e.getMessage()); // the operator's to mend: it wrote it
      return;
    }
    if (asked.isEmpty()) {
      return;
    }
    DrillRequest request = asked.get();
    BondBridgeNodeSpec spec = obj.getSpec();
    BondBridgeNodeStatus now = status.current(c.name());
    NodeDrill last = now == null ? null : now.drill();
    if (last != null && request.uid().equals(last.uid())) {
      if (last.phase() == DrillPhase.Running) {
        host.putPortsBack(spec);
        finish(
            c,
            request,
            last.startedAt(),
            DrillPhase.Failed,
            "the agent stopped during the drill; every port of "
                + spec.bond().name()
                + " was set up again",
            null);
      }
      return; // answered: the operator takes the result and removes the request
    }
    if (!c.current() || !c.onHost()) {
      String phase = now == null || now.phase() == null ? "Pending" : now.phase().name();
      finish(
          c,
          request,
          null,
          DrillPhase.Refused,
          "generation "
              + c.generation()
              + " is not on the host (phase "
              + phase
              + "): a drill runs on an applied bond only",
          null);
      return;
    }
    String started = clock.instant().toString();
    status.writeDrill(
        c.name(),
        record(
            spec,
            request,
            DrillPhase.Running,
            "failing each port of " + spec.bond().name() + " in turn",
            null,
            started,
            null));
    LOG.info("{}: drill {} ({}) starts", c.name(), request.drill(), request.method());
    DrillReport report;
    try {
      report = host.drill(spec, request.method());
    } catch (RuntimeException e) {
      // e.g. ip refused to set a port down: the drill put every port back before it threw
      finish(c, request, started, DrillPhase.Failed, "the drill failed: " + e.getMessage(), null);
      return;
    }
    DrillPhase phase =
        report.isRefused()
            ? DrillPhase.Refused
            : report.ok() ? DrillPhase.Succeeded : DrillPhase.Failed;
    metrics.drilled(report, phase.name());
    finish(c, request, started, phase, report.summary(), report);
  }

  private void finish(
      ChildState c,
      DrillRequest request,
      String started,
      DrillPhase phase,
      String message,
      DrillReport report) {
    BondBridgeNodeSpec spec = c.object().getSpec();
    status.writeDrill(
        c.name(), record(spec, request, phase, message, report, started, clock.instant()));
    String reason =
        switch (phase) {
          case Succeeded -> SUCCEEDED;
          case Refused -> REFUSED;
          default -> FAILED;
        };
    String text = "drill " + request.drill() + ": " + message;
    events.record(
        c.object(),
        reason,
        phase == DrillPhase.Succeeded ? "Normal" : "Warning",
        spec.bond().name(),
        text);
    LOG.info("{}: {}", c.name(), text);
  }

  /** The drill as {@code status.drill} has it: the request answered, with the figures if any. */
  private static NodeDrill record(
      BondBridgeNodeSpec spec,
      DrillRequest request,
      DrillPhase phase,
      String message,
      DrillReport report,
      String started,
      Instant finished) {
    boolean figures = report != null && !report.ports().isEmpty();
    return new NodeDrill(
        spec.node(),
        request.drill(),
        request.uid(),
        request.method(),
        phase,
        message,
        report == null ? null : report.gateway(),
        report == null || report.targets().isEmpty() ? null : report.targets(),
        started,
        finished == null ? null : finished.toString(),
        figures ? report.ports() : null);
  }
}
