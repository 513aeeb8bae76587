package io.bondbridge.agent.cluster;

import io.bondbridge.agent.Engine;
import io.bondbridge.agent.apply.Applier;
import io.bondbridge.agent.host.BondPort;
import io.bondbridge.agent.host.BondState;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Link;
import io.bondbridge.agent.plan.Plan;
import io.bondbridge.agent.safety.Verdict;
import io.bondbridge.api.v1alpha1.BondBridgeNode;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatus;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatus.Failover;
import io.bondbridge.api.v1alpha1.CleanupPolicy;
import io.bondbridge.api.v1alpha1.Phase;
import io.bondbridge.api.v1alpha1.ReadError;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node agent in the cluster: watches this node's BondBridgeNodes (a server-side label selector,
 * never all of them), applies each through the engine, keeps its finalizer on them and tears down
 * on deletion, and reports what the kernel says into their status and as Events. When a link event
 * shows the host drifted from what was applied (a bond deleted by hand), it applies it again.
 *
 * <p>One thread ({@code bondbridge-agent}) does everything that touches the host or the agent's
 * state, so changes on one node happen one at a time and several BondBridges cannot interfere. The
 * informer and the kernel's link monitor only queue work onto it.
 *
 * <p>No polling: the host is read again when the kernel reports a link change — at once from
 * /proc/net/bonding, then fully once the bond has acted on it (bursts coalesce) — and status is
 * written only when it differs from the last one written. With the API server unreachable the host
 * is left as it is; the latest status and the pending Events are kept and written, with backoff,
 * once it answers again.
 */
public final class NodeAgent implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeAgent.class);

  /** The finalizer on every BondBridgeNode the agent picked up (the operator's contract). */
  public static final String FINALIZER = "bondbridge.io/agent";

  /**
   * Where Events of our cluster-scoped objects go unless told otherwise: "default", as for Nodes
   * ({@code kubectl describe} finds them in any namespace; the chart's Role must match).
   */
  public static final String DEFAULT_EVENT_NAMESPACE = "default";

  private static final Duration COALESCE = Duration.ofMillis(20);
  private static final Duration RETRY_MIN = Duration.ofMillis(500);
  private static final Duration RETRY_MAX = Duration.ofSeconds(30);
  private static final int MAX_PENDING_EVENTS = 100;
  private static final int MAX_SETTLE_ROUNDS = 5;

  private final KubernetesClient client;
  private final String node;
  private final String eventNamespace;
  private final NodeHost host;
  private final LinkEvents links;
  private final AgentMetrics metrics;
  private final Clock clock;
  private final ScheduledExecutorService worker;
  private final AtomicBoolean observeQueued = new AtomicBoolean();
  private final AtomicBoolean kernelSpoke = new AtomicBoolean();
  private final AtomicBoolean glanceQueued = new AtomicBoolean();
  // System.nanoTime() of the first link event not yet followed by a status write; 0: none
  private final AtomicLong eventSince = new AtomicLong();
  private final AtomicLong eventSequence = new AtomicLong();

  // worker thread only
  private final Map<String, Child> children = new HashMap<>();
  private final Set<String> toRetry = new LinkedHashSet<>();
  // uids let go of: the watch may still show them with our finalizer for a moment
  private final Map<String, String> released = new HashMap<>();
  private final Deque<Event> pendingEvents = new ArrayDeque<>();
  private boolean retryQueued;
  private Duration retryDelay = RETRY_MIN;
  private int settleRounds;

  private volatile SharedIndexInformer<BondBridgeNode> informer;
  private volatile Thread workerThread;

  /** What the agent knows of one BondBridgeNode. Touched on the worker thread only. */
  private static final class Child {
    final String name;
    BondBridgeNode object;
    long appliedGeneration = -1;
    boolean onHost;
    BondState lastBond;
    HostState lastHost;
    Failover lastFailover;
    // appliedGeneration went onto the host: a link event that shows the host left it puts it back
    boolean driftWatched;
    // a drift correction was made: the next retry round (with its backoff) looks again, so one
    // that failed or did not hold is neither given up nor repeated at the pace of link events
    boolean driftRecheckQueued;
    BondBridgeNodeStatus written;
    BondBridgeNodeStatus unwritten;

    Child(String name, BondBridgeNodeStatus known) {
      this.name = name;
      this.written = known;
      this.lastFailover = known == null ? null : known.lastFailover();
    }

    BondBridgeNodeStatus current() {
      return unwritten != null ? unwritten : written;
    }
  }

  public NodeAgent(
      KubernetesClient client,
      String node,
      NodeHost host,
      LinkEvents links,
      AgentMetrics metrics,
      Clock clock,
      String eventNamespace) {
    this.eventNamespace = Objects.requireNonNull(eventNamespace);
    this.client = Objects.requireNonNull(client);
    this.node = Objects.requireNonNull(node);
    this.host = Objects.requireNonNull(host);
    this.links = Objects.requireNonNull(links);
    this.metrics = Objects.requireNonNull(metrics);
    this.clock = Objects.requireNonNull(clock);
    this.worker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "bondbridge-agent");
              t.setDaemon(true);
              workerThread = t;
              return t;
            });
  }

  public void start() {
    SharedIndexInformer<BondBridgeNode> i =
        client
            .resources(BondBridgeNode.class)
            .withLabel(BondBridgeNode.NODE_LABEL, BondBridgeNode.nodeLabel(node))
            .runnableInformer(0);
    i.addEventHandler(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(BondBridgeNode obj) {
            submit(obj);
          }

          @Override
          public void onUpdate(BondBridgeNode oldObj, BondBridgeNode newObj) {
            submit(newObj);
          }

          @Override
          public void onDelete(BondBridgeNode obj, boolean deletedFinalStateUnknown) {
            submit(obj);
          }
        });
    // assigned before it starts: the first events reach the worker before start() returns
    informer = i;
    i.start();
    links.start(this::linkEvent);
  }

  /** The watch is established and its first list is in. */
  public boolean isReady() {
    SharedIndexInformer<BondBridgeNode> i = informer;
    return i != null && i.hasSynced() && i.isWatching();
  }

  /** The worker and the link monitor run (an API server outage does not make the agent dead). */
  public boolean isAlive() {
    Thread t = workerThread;
    return !worker.isShutdown() && (t == null || t.isAlive()) && links.alive();
  }

  public AgentMetrics metrics() {
    return metrics;
  }

  private void submit(BondBridgeNode obj) {
    if (obj.getSpec() != null && !node.equals(obj.getSpec().node())) {
      return; // another node whose long name cuts to the same label value: never ours to apply
    }
    String name = obj.getMetadata().getName();
    worker.execute(() -> guarded("reconcile " + name, () -> reconcile(name)));
  }

  /**
   * From the link monitor's thread: queue a quick look (a burst of events queues one), which in
   * turn queues the full observation.
   */
  void linkEvent() {
    metrics.linkEvent();
    kernelSpoke.set(true);
    eventSince.compareAndSet(0, System.nanoTime());
    queueGlance(Duration.ZERO);
  }

  private void queueGlance(Duration after) {
    if (glanceQueued.compareAndSet(false, true)) {
      worker.schedule(
          () -> guarded("glance", this::glance), after.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /**
   * A failover is in /proc/net/bonding the moment the kernel makes it; the full observation (three
   * {@code ip} processes) takes longer. Report the bonds' dynamic state from that file at once,
   * over the last full observation; the full one follows and, as a rule, changes nothing more.
   */
  private void glance() {
    glanceQueued.set(false);
    // The full observation waits until the bond has acted on the event (up/downdelay, MII
    // polling): run now, it would keep this thread busy just when the failover comes.
    queueObservation(
        children.values().stream().anyMatch(c -> c.lastHost != null)
            ? settleTime(children.values(), lastFullHost())
            : COALESCE);
    for (Child c : children.values()) {
      if (!c.onHost
          || c.lastHost == null
          || c.lastBond == null
          || c.object == null
          || c.object.isMarkedForDeletion()) {
        continue;
      }
      BondState quick = host.glance(c.lastBond.name()).orElse(null);
      if (quick == null) {
        continue;
      }
      BondState merged = merge(c.lastBond, quick);
      if (!merged.equals(c.lastBond)) {
        Map<String, BondState> bonds = new HashMap<>(c.lastHost.bonds());
        bonds.put(merged.name(), merged);
        report(
            c,
            new HostState(c.lastHost.links(), bonds, c.lastHost.addresses(), c.lastHost.routes()));
      }
    }
  }

  private HostState lastFullHost() {
    return children.values().stream()
        .map(c -> c.lastHost)
        .filter(Objects::nonNull)
        .findFirst()
        .orElseThrow();
  }

  /** The full view of a bond with the dynamic parts of a quick look. */
  static BondState merge(BondState full, BondState quick) {
    Map<String, BondPort> now = new HashMap<>();
    quick.ports().forEach(p -> now.put(p.name(), p));
    boolean activeBackup = quick.activePort() != null || full.activePort() != null;
    List<BondPort> ports = new ArrayList<>();
    for (BondPort p : full.ports()) {
      BondPort q = now.get(p.name());
      if (q == null) {
        ports.add(p);
        continue;
      }
      String state =
          activeBackup ? (p.name().equals(quick.activePort()) ? "active" : "backup") : p.state();
      ports.add(
          new BondPort(
              p.name(),
              q.miiStatus(),
              q.linkFailures(),
              p.permanentMac(),
              p.speedMbps(),
              p.duplex(),
              state));
    }
    // the two options that are state, not configuration
    Map<String, String> options = new java.util.TreeMap<>(full.options());
    options.computeIfPresent(
        "active_slave", (k, v) -> quick.activePort() == null ? "" : quick.activePort());
    options.computeIfPresent(
        "mii_status", (k, v) -> quick.miiStatus() == null ? v : quick.miiStatus());
    return new BondState(
        full.name(), full.mode(), options, quick.activePort(), quick.miiStatus(), ports);
  }

  private void queueObservation(Duration after) {
    if (observeQueued.compareAndSet(false, true)) {
      worker.schedule(
          () -> guarded("observe", this::observe), after.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void guarded(String what, Runnable work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      LOG.warn("{} failed: {}", what, e.toString(), e);
    }
  }

  // ---------------------------------------------------------------- reconcile

  private void reconcile(String name) {
    BondBridgeNode obj = informer.getStore().getByKey(name);
    if (obj == null) {
      forget(name);
      released.remove(name);
      return;
    }
    if (obj.isMarkedForDeletion()
        && obj.getMetadata().getUid() != null
        && obj.getMetadata().getUid().equals(released.get(name))) {
      return;
    }
    Child c = children.computeIfAbsent(name, n -> new Child(n, obj.getStatus()));
    c.object = obj;
    if (obj.getSpec() == null) {
      unreadable(c, obj);
      return;
    }
    if (obj.isMarkedForDeletion()) {
      if (obj.getMetadata().getFinalizers().contains(FINALIZER)) {
        release(c, obj);
      } else {
        forget(name);
      }
      return;
    }
    if (!obj.getMetadata().getFinalizers().contains(FINALIZER) && !addFinalizer(obj)) {
      return;
    }
    long generation = generation(obj);
    if (c.appliedGeneration == generation) {
      return;
    }
    BondBridgeNodeStatus known = obj.getStatus();
    if (c.appliedGeneration < 0
        && known != null
        && Objects.equals(known.observedGeneration(), generation)
        && (known.phase() == Phase.Failed || known.phase() == Phase.RolledBack)) {
      // A generation that failed here is tried again when the spec changes, not on every restart.
      c.appliedGeneration = generation;
      return;
    }
    c.driftWatched = false; // a new generation: watched once it is on the host
    c.driftRecheckQueued = false;
    try {
      if (c.appliedGeneration < 0) {
        host.recover(obj.getSpec())
            .ifPresent(v -> LOG.info("{}: an earlier unconfirmed change was {}", name, v.kind()));
      }
      apply(c, obj.getSpec(), generation, host.plan(obj.getSpec()));
    } catch (RuntimeException e) {
      // e.g. ip itself failed while reading the host: report it; a new spec tries again
      c.appliedGeneration = generation;
      reportHostError(c, generation, e);
    }
  }

  /**
   * A spec the API types cannot read (e.g. a VLAN id past 32 bits from an older CRD) is reported
   * once per generation and nothing is done; the host is left as it is, also on deletion (what to
   * tear down cannot be read), and every other child is still served.
   */
  private void unreadable(Child c, BondBridgeNode obj) {
    long generation = generation(obj);
    if (c.appliedGeneration == generation) {
      return;
    }
    c.appliedGeneration = generation;
    String why =
        obj.readErrors().stream()
            .filter(e -> e.path().startsWith("spec"))
            .findFirst()
            .map(ReadError::describe)
            .orElse("it has none");
    LOG.warn("{}: not applied, the spec cannot be read: {}", c.name, why);
    write(
        c,
        ObservedStatus.failed(
            generation,
            c.current(),
            "InvalidSpec",
            "the spec cannot be read, nothing was changed: " + why,
            clock.instant()));
  }

  /**
   * Applies the spec through the guarded engine. Returns the plan carried out (empty: the host
   * already matched), or null when the spec is not on the host (refused, failed, rolled back, or
   * left for later because the API server is away).
   */
  private Plan apply(Child c, BondBridgeNodeSpec spec, long generation, Plan plan) {
    long started = System.nanoTime();
    Plan done = plan;
    if (plan.isRefused()) {
      refused(c, plan, generation, started);
      return null;
    }
    if (!plan.isEmpty()) {
      String message = "applying " + plan.steps().size() + " steps";
      if (!write(c, ObservedStatus.applying(generation, c.current(), message, clock.instant()))) {
        retryLater(c.name); // the API server is away: leave the host as it is until it is back
        return null;
      }
      Engine.Outcome outcome = host.apply(spec, plan);
      if (outcome.plan().isRefused()) {
        refused(c, outcome.plan(), generation, started);
        return null;
      }
      if (!outcome.ok()) {
        notApplied(c, outcome, generation, started);
        return null;
      }
      done = outcome.plan();
      metrics.applied("applied", since(started));
      LOG.info("{}: applied generation {} ({} steps)", c.name, generation, done.steps().size());
    } else {
      metrics.applied("unchanged", since(started));
    }
    c.appliedGeneration = generation;
    c.onHost = true;
    c.driftWatched = true;
    HostState now = host.observe();
    // the baseline for link changes: what the apply itself did is not a failover
    c.lastBond = now.bond(spec.bond().name()).orElse(null);
    c.lastHost = now;
    report(c, now);
    return done;
  }

  /** A step failed (the steps done were undone) or a probe failed after it (rolled back). */
  private void notApplied(Child c, Engine.Outcome outcome, long generation, long started) {
    metrics.applied(outcome.rolledBack() ? "rolled-back" : "failed", since(started));
    c.appliedGeneration = generation;
    c.onHost = false;
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
      write(
          c,
          ObservedStatus.rolledBack(
              generation,
              c.current(),
              restored ? "ProbeFailed" : "RestoreFailed",
              "applied, but " + verdict.failedProbe() + " failed afterwards" + ending,
              clock.instant()));
      return;
    }
    String error = result != null && result.error() != null ? result.error() : "not applied";
    write(
        c,
        ObservedStatus.failed(
            generation,
            c.current(),
            restored ? "ApplyFailed" : "RestoreFailed",
            error + ending,
            clock.instant()));
  }

  private void refused(Child c, Plan plan, long generation, long started) {
    metrics.applied("refused", since(started));
    c.appliedGeneration = generation;
    c.onHost = false;
    write(
        c,
        ObservedStatus.failed(
            generation,
            c.current(),
            "Refused",
            "refused, nothing was changed: " + String.join("; ", plan.refusals()),
            clock.instant()));
  }

  /** Deletion: tear down (cleanup Restore) or leave the host as it is (Orphan), then let go. */
  private void release(Child c, BondBridgeNode obj) {
    BondBridgeNodeSpec spec = obj.getSpec();
    c.onHost = false;
    c.driftWatched = false;
    if (spec.cleanup() != CleanupPolicy.Orphan) {
      long generation = generation(obj);
      if (!write(
          c,
          ObservedStatus.tearingDown(
              generation, c.current(), "removing " + spec.bond().name(), clock.instant()))) {
        retryLater(c.name);
        return;
      }
      Engine.Outcome outcome = host.delete(spec);
      if (!outcome.ok()) {
        String error = outcome.failure();
        write(
            c,
            ObservedStatus.failed(
                generation,
                c.current(),
                "TeardownFailed",
                "teardown failed, tried again: " + error,
                clock.instant()));
        retryLater(c.name);
        return;
      }
      LOG.info("{}: torn down", c.name);
    } else {
      LOG.info("{}: orphaned (cleanup: Orphan), the host keeps {}", c.name, spec.bond().name());
    }
    metrics.forget(spec.bond().name());
    if (removeFinalizer(obj)) {
      forget(c.name);
      released.put(c.name, obj.getMetadata().getUid());
    }
  }

  private void forget(String name) {
    children.remove(name);
    toRetry.remove(name);
  }

  // ---------------------------------------------------------------- observe

  private void observe() {
    observeQueued.set(false);
    if (kernelSpoke.getAndSet(false)) {
      settleRounds = 0;
    }
    if (children.values().stream().noneMatch(c -> c.onHost || c.driftWatched)) {
      return;
    }
    HostState now = host.observe();
    boolean unsettled = false;
    for (Child c : children.values()) {
      if (c.onHost && c.object != null && !c.object.isMarkedForDeletion()) {
        c.lastHost = now;
        report(c, now);
        unsettled |= unsettled(c.object.getSpec(), now);
      }
    }
    for (Child c : List.copyOf(children.values())) {
      if (drifted(c, now) && !c.driftRecheckQueued) {
        correctDrift(c);
      }
    }
    // The bond's MII view follows the carrier after updelay/downdelay, and a late change is not
    // always a netlink event of its own: look once more when that time has passed.
    if (unsettled && settleRounds++ < MAX_SETTLE_ROUNDS) {
      queueObservation(settleTime(children.values(), now));
    }
  }

  // ---------------------------------------------------------------- drift

  /** The host no longer matches the generation applied here: the planner would change it. */
  private boolean drifted(Child c, HostState now) {
    return c.driftWatched
        && c.object != null
        && !c.object.isMarkedForDeletion()
        && c.appliedGeneration == generation(c.object)
        && !host.plan(c.object.getSpec(), now).isEmpty();
  }

  /**
   * Puts the applied generation back through the same guarded path as a spec change (refusals,
   * probes, rollback). After a correction, or a failed one, a retry round looks again after the
   * backoff: a failed correction is tried again, and drift that comes back (another tool fighting
   * over the device) waits for that round instead of being undone at the pace of its link events.
   */
  private void correctDrift(Child c) {
    BondBridgeNodeSpec spec = c.object.getSpec();
    long generation = generation(c.object);
    Plan plan;
    Plan done;
    try {
      plan = host.plan(spec);
      if (plan.isEmpty() && c.onHost) {
        return; // put back meanwhile
      }
      if (!plan.isEmpty()) {
        LOG.info("{}: the host drifted from generation {}, putting it back", c.name, generation);
      }
      // an empty plan after a failed correction: the host matches again, the status says so
      done = apply(c, spec, generation, plan);
    } catch (RuntimeException e) {
      // e.g. ip itself failed: reported as for a spec change, and looked at again later
      reportHostError(c, generation, e);
      c.driftRecheckQueued = true;
      retryLater(c.name);
      return;
    }
    if ((done == null && !plan.isRefused()) || (done != null && !done.isEmpty())) {
      // A refusal (a foreign device took our name) is not retried on a timer: it changes only
      // with the host, and the next link event looks again.
      c.driftRecheckQueued = true;
      retryLater(c.name);
    }
    if (done != null && !done.isEmpty()) {
      metrics.driftCorrected(spec.bond().name());
      String message = Drift.correctedMessage(done);
      LOG.info("{}: {}", c.name, message);
      event(c.object, Drift.CORRECTED, "Normal", message);
    }
  }

  /** Link changes since the last observation → Events and metrics; then the status. */
  private void report(Child c, HostState now) {
    BondBridgeNodeSpec spec = c.object.getSpec();
    BondState bond = now.bond(spec.bond().name()).orElse(null);
    if (LinkChanges.midFailover(bond) && settleRounds++ < MAX_SETTLE_ROUNDS) {
      // The kernel's next step (and its netlink event) follows within one MII poll; look again
      // then, cheaply: a full observation now would hold this thread when it comes.
      queueGlance(Duration.ofMillis(2 * number(bond.options().get("miimon")) + 50));
      return;
    }
    List<LinkChange> changes = LinkChanges.between(c.lastBond, bond);
    if (LinkChanges.failedOver(c.lastBond, bond)) {
      c.lastFailover =
          new Failover(clock.instant().toString(), c.lastBond.activePort(), bond.activePort());
      metrics.failover(bond.name());
    }
    if (bond != null) {
      metrics.observed(bond);
    }
    c.lastBond = bond;
    // the status first: it is what kubectl and the operator wait for; the Events follow
    write(
        c,
        ObservedStatus.live(
            spec, generation(c.object), now, c.current(), c.lastFailover, clock.instant()));
    for (LinkChange change : changes) {
      LOG.info("{}: {}", c.name, change.message());
      event(c.object, change);
    }
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

  private static Duration settleTime(Iterable<Child> children, HostState now) {
    long millis = 0;
    for (Child c : children) {
      if (c.object == null || c.object.getSpec() == null) {
        continue;
      }
      BondState bond = now.bond(c.object.getSpec().bond().name()).orElse(null);
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

  // ---------------------------------------------------------------- API writes

  /** The host could not be read or changed at all (e.g. {@code ip} failed): Failed, HostError. */
  private void reportHostError(Child c, long generation, RuntimeException e) {
    LOG.warn("{}: {}", c.name, e.toString());
    c.onHost = false;
    write(
        c,
        ObservedStatus.failed(
            generation, c.current(), "HostError", String.valueOf(e.getMessage()), clock.instant()));
  }

  /**
   * Writes the status if it differs from the last one written. Returns false when the API server
   * could not be reached: the status is kept and written later.
   */
  private boolean write(Child c, BondBridgeNodeStatus desired) {
    if (desired.equals(c.current()) && c.unwritten == null) {
      return true;
    }
    if (LOG.isDebugEnabled()) {
      LOG.debug("{}: status changed\n was: {}\n now: {}", c.name, c.current(), desired);
    }
    c.unwritten = desired;
    return flush(c);
  }

  private boolean flush(Child c) {
    BondBridgeNodeStatus status = c.unwritten;
    if (status == null) {
      return true;
    }
    try {
      // editStatus reads the object fresh from the API server and patches only /status with the
      // difference: never a cached object as the patch base.
      client
          .resources(BondBridgeNode.class)
          .withName(c.name)
          .editStatus(
              fresh -> {
                fresh.setStatus(status);
                return fresh;
              });
      metrics.statusWritten();
      long since = eventSince.getAndSet(0);
      if (since != 0) {
        metrics.linkEventToStatus(Duration.ofNanos(System.nanoTime() - since));
      }
      c.written = status;
      if (c.unwritten == status) {
        c.unwritten = null;
      }
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        c.unwritten = null; // gone: nothing to report on
        return true;
      }
      LOG.warn("{}: cannot write status ({}), kept for later", c.name, brief(e));
      retryLater(c.name);
      return false;
    }
  }

  private void event(BondBridgeNode child, LinkChange change) {
    event(child, change.reason(), change.eventType(), change.message());
  }

  /** An Event on the BondBridgeNode and on the BondBridge it was resolved from. */
  private void event(BondBridgeNode child, String reason, String type, String message) {
    List<ObjectReference> about = new ArrayList<>();
    about.add(
        new ObjectReferenceBuilder()
            .withApiVersion(child.getApiVersion())
            .withKind(child.getKind())
            .withName(child.getMetadata().getName())
            .withUid(child.getMetadata().getUid())
            .build());
    for (OwnerReference owner : child.getMetadata().getOwnerReferences()) {
      if ("BondBridge".equals(owner.getKind())) { // the BondBridge it was resolved from
        about.add(
            new ObjectReferenceBuilder()
                .withApiVersion(owner.getApiVersion())
                .withKind(owner.getKind())
                .withName(owner.getName())
                .withUid(owner.getUid())
                .build());
      }
    }
    String at = clock.instant().toString();
    for (ObjectReference ref : about) {
      String name =
          ref.getName() + "." + Long.toHexString(clock.millis()) + eventSequence.getAndIncrement();
      pendingEvents.add(
          new EventBuilder()
              .withNewMetadata()
              .withName(name)
              .withNamespace(eventNamespace)
              .endMetadata()
              .withInvolvedObject(ref)
              .withReason(reason)
              .withMessage(message)
              .withType(type)
              .withFirstTimestamp(at)
              .withLastTimestamp(at)
              .withCount(1)
              .withNewSource()
              .withComponent("bondbridge-agent")
              .withHost(node)
              .endSource()
              .withReportingComponent("bondbridge.io/agent")
              .withReportingInstance(node)
              .build());
    }
    while (pendingEvents.size() > MAX_PENDING_EVENTS) {
      pendingEvents.removeFirst(); // a long outage keeps the newest; status holds the totals
    }
    flushEvents();
  }

  private boolean flushEvents() {
    while (!pendingEvents.isEmpty()) {
      Event e = pendingEvents.peekFirst();
      try {
        client.v1().events().inNamespace(eventNamespace).resource(e).create();
        pendingEvents.removeFirst();
      } catch (KubernetesClientException ex) {
        if (ex.getCode() == 403) {
          LOG.warn(
              "may not create Events in namespace {} (RBAC; --event-namespace must match the"
                  + " agent's Role): {} dropped",
              eventNamespace,
              e.getReason());
        }
        if (ex.getCode() == 409 || ex.getCode() == 422 || ex.getCode() == 403) {
          pendingEvents.removeFirst(); // will never be accepted: drop it
          continue;
        }
        LOG.warn("cannot write event ({}), kept for later", brief(ex));
        retryLater(null);
        return false;
      }
    }
    return true;
  }

  private boolean addFinalizer(BondBridgeNode obj) {
    List<String> before = obj.getMetadata().getFinalizers();
    List<String> after = new ArrayList<>(before);
    after.add(FINALIZER);
    List<Map<String, Object>> ops =
        before.isEmpty()
            ? List.of(Map.of("op", "add", "path", "/metadata/finalizers", "value", after))
            : List.of(
                Map.of("op", "test", "path", "/metadata/finalizers", "value", before),
                Map.of("op", "replace", "path", "/metadata/finalizers", "value", after));
    return patchMetadata(obj, ops);
  }

  private boolean removeFinalizer(BondBridgeNode obj) {
    List<String> before = obj.getMetadata().getFinalizers();
    List<String> after = new ArrayList<>(before);
    after.remove(FINALIZER);
    // a JSON patch: the mock API server ignores a merge patch that empties a list
    return patchMetadata(
        obj,
        List.of(
            Map.of("op", "test", "path", "/metadata/finalizers", "value", before),
            Map.of("op", "replace", "path", "/metadata/finalizers", "value", after)));
  }

  /** A JSON patch that tests what it replaces; a concurrent change fails it, the watch retries. */
  private boolean patchMetadata(BondBridgeNode obj, List<Map<String, Object>> ops) {
    String name = obj.getMetadata().getName();
    try {
      client
          .resources(BondBridgeNode.class)
          .withName(name)
          .patch(PatchContext.of(PatchType.JSON), Serialization.asJson(ops));
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        forget(name);
      } else if (e.getCode() == 409 || e.getCode() == 422) {
        LOG.debug("{}: finalizers changed meanwhile; the watch brings the new ones", name);
      } else {
        LOG.warn("{}: cannot patch finalizers ({}), tried again later", name, brief(e));
        retryLater(name);
      }
      return false;
    }
  }

  // ---------------------------------------------------------------- retry after API outages

  private void retryLater(String name) {
    if (name != null) {
      toRetry.add(name);
    }
    if (!retryQueued) {
      retryQueued = true;
      Duration delay = retryDelay;
      retryDelay =
          retryDelay.multipliedBy(2).compareTo(RETRY_MAX) > 0
              ? RETRY_MAX
              : retryDelay.multipliedBy(2);
      worker.schedule(() -> guarded("retry", this::retry), delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void retry() {
    retryQueued = false;
    boolean ok = flushEvents();
    List<String> names = new ArrayList<>(toRetry);
    toRetry.clear();
    for (String name : names) {
      Child c = children.get(name);
      if (c == null) {
        continue;
      }
      if (c.unwritten != null) {
        ok &= flush(c);
      }
      if (c.appliedGeneration < 0
          || (c.object != null && c.appliedGeneration != generation(c.object))
          || (c.object != null && c.object.isMarkedForDeletion())) {
        reconcile(name);
      } else if (c.driftRecheckQueued) {
        c.driftRecheckQueued = false;
        correctDrift(c); // if it changes the host, it queues the next round, with a longer delay
      }
    }
    if (ok && toRetry.isEmpty() && pendingEvents.isEmpty()) {
      retryDelay = RETRY_MIN;
    }
  }

  private static long generation(BondBridgeNode obj) {
    Long g = obj.getMetadata().getGeneration();
    return g == null ? 1 : g;
  }

  private static Duration since(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }

  private static String brief(KubernetesClientException e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return e.getCode() > 0 ? "HTTP " + e.getCode() + " " + e.getMessage() : cause.toString();
  }

  /** Runs on the worker thread and waits: for tests and the benchmark, "after what is queued". */
  public void sync() {
    try {
      worker.submit(() -> {}).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("agent worker did not answer", e);
    }
  }

  @Override
  public void close() {
    links.close();
    SharedIndexInformer<BondBridgeNode> i = informer;
    if (i != null) {
      i.close();
    }
    worker.shutdownNow();
    try {
      worker.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
