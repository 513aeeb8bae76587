package io.bondbridge.agent.cluster;

import io.bondbridge.agent.kube.ApiClient;
import io.bondbridge.agent.kube.ApiPaths;
import io.bondbridge.agent.kube.ResourceWatch;
import io.bondbridge.api.v1alpha1.BondBridgeNode;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node agent in the cluster, as a controller: it owns the watch of this node's BondBridgeNodes
 * (a server-side label selector, never all of them) and the one {@link Worker} thread, and hands
 * each job to the collaborator whose job it is — {@link ChildReconciler} (a child's lifecycle),
 * {@link LinkWatch} (the kernel's link events), {@link DriftCorrection}, {@link ChildDrills}
 * (failover drills a BondBridgeDrill asks for), {@link StatusWriter}, {@link EventRecorder}, {@link
 * Finalizers} and the {@link RetryQueue} for when the API server is away. The watch and the link
 * monitor only queue work; everything else runs on the worker.
 *
 * <p>With the API server unreachable the host is left as it is, or put back as the agent's record
 * has it ({@link RecordedSpecs}: after a reboot); the latest status and the pending Events are kept
 * and written, with backoff, once it answers again.
 */
public final class NodeAgent implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeAgent.class);

  /** The finalizer on every BondBridgeNode the agent picked up (the operator's contract). */
  public static final String FINALIZER = Finalizers.NAME;

  /**
   * Where Events of our cluster-scoped objects go unless told otherwise: "default", as for Nodes
   * ({@code kubectl describe} finds them in any namespace; the chart's Role must match).
   */
  public static final String DEFAULT_EVENT_NAMESPACE = "default";

  /** How often the agent looks whether the watch's first list is in (to forget gone specs). */
  private static final Duration FIRST_LIST_POLL = Duration.ofSeconds(1);

  private final ApiClient client;
  private final String node;
  private final LinkEvents links;
  private final AgentMetrics metrics;
  private final Worker worker = new Worker();
  private final RetryQueue retry = new RetryQueue(worker, this::retryRound);
  private final EventRecorder events;
  private final ChildReconciler reconciler;
  private final LinkWatch linkWatch;
  private final RecordedSpecs recorded;

  private final ResourceWatch<BondBridgeNode> watch;

  public NodeAgent(
      ApiClient client,
      String node,
      NodeHost host,
      LinkEvents links,
      AgentMetrics metrics,
      Clock clock,
      String eventNamespace) {
    this.client = Objects.requireNonNull(client);
    this.node = Objects.requireNonNull(node);
    this.links = Objects.requireNonNull(links);
    this.metrics = Objects.requireNonNull(metrics);
    Objects.requireNonNull(host);
    Objects.requireNonNull(clock);
    Children children = new Children();
    StatusWriter status = new StatusWriter(client, metrics, retry);
    events = new EventRecorder(client, Objects.requireNonNull(eventNamespace), node, clock, retry);
    LinkReport report = new LinkReport(status, events, metrics, clock);
    ChildApplier applier = new ChildApplier(host, status, report, retry, metrics, clock);
    DriftCorrection drift = new DriftCorrection(host, applier, events, retry, metrics);
    reconciler =
        new ChildReconciler(
            children,
            host,
            applier,
            drift,
            new Finalizers(client),
            status,
            retry,
            metrics,
            new ChildDrills(host, status, events, metrics, clock),
            clock);
    linkWatch = new LinkWatch(worker, children, host, report, drift, status, metrics);
    recorded = new RecordedSpecs(host, node);
    watch =
        new ResourceWatch<>(
            client,
            ApiPaths.collection(BondBridgeNode.class),
            BondBridgeNode.NODE_LABEL + "=" + BondBridgeNode.nodeLabel(node),
            BondBridgeNode.class,
            this::submit);
  }

  public void start() {
    // the first job: what this node had, from the agent's record, before the API server answers
    worker.execute("put back the recorded specs", recorded::putBack);
    // the list and watch retry for ever, with backoff: an API server slow or away when the agent
    // starts only delays the serving of this node
    watch.start();
    links.start(linkWatch::linkEvent);
    worker.execute("forget recorded specs gone from the API server", this::forgetGoneOnceListed);
  }

  /** Once the watch has its first list: the recorded specs that no child names go. */
  private void forgetGoneOnceListed() {
    if (!watch.isAlive()) {
      return;
    }
    if (!watch.hasSynced()) {
      worker.schedule(
          "forget recorded specs gone from the API server",
          FIRST_LIST_POLL,
          this::forgetGoneOnceListed);
      return;
    }
    recorded.forgetGone(
        watch.list().stream()
            .filter(c -> c.getSpec() == null || node.equals(c.getSpec().node()))
            .toList());
  }

  /** The watch is established and its first list is in. */
  public boolean isReady() {
    return watch.hasSynced() && watch.isWatching();
  }

  /**
   * The worker, the link monitor and the watch run (an API server outage does not make the agent
   * dead: the watch retries it; a watch thread that died does, so the kubelet restarts it).
   */
  public boolean isAlive() {
    return worker.isAlive() && links.alive() && watch.isAlive();
  }

  public AgentMetrics metrics() {
    return metrics;
  }

  private void submit(BondBridgeNode obj) {
    if (obj.getSpec() != null && !node.equals(obj.getSpec().node())) {
      return; // another node whose long name cuts to the same label value: never ours to apply
    }
    String name = obj.getMetadata().getName();
    // the object as the watch has it when the job runs: events queued meanwhile fold into it
    worker.execute("reconcile " + name, () -> reconciler.reconcile(name, latest(name)));
  }

  private BondBridgeNode latest(String name) {
    return watch.get(name);
  }

  /** Events first (they wait longest), then each child's status and what it waits for. */
  private void retryRound() {
    boolean ok = events.flush();
    for (String name : retry.take()) {
      ok &= reconciler.retry(name, latest(name));
    }
    if (ok && retry.isEmpty() && !events.pending()) {
      retry.settled();
    }
  }

  /** The per-child reconciler, for a test that calls it on its own thread (agent not started). */
  ChildReconciler reconciler() {
    return reconciler;
  }

  /** Runs on the worker thread and waits: for tests and the benchmark, "after what is queued". */
  public void sync() {
    worker.sync();
  }

  @Override
  public void close() {
    links.close();
    watch.close();
    worker.close();
  }
}
