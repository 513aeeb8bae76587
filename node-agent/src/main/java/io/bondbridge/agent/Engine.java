package io.bondbridge.agent;

import io.bondbridge.agent.apply.Applier;
import io.bondbridge.agent.apply.KernelModules;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Link;
import io.bondbridge.agent.observe.HostObserver;
import io.bondbridge.agent.plan.Origins;
import io.bondbridge.agent.plan.Ownership;
import io.bondbridge.agent.plan.Plan;
import io.bondbridge.agent.plan.Planner;
import io.bondbridge.agent.plan.Teardown;
import io.bondbridge.agent.safety.ChangeGuard;
import io.bondbridge.agent.safety.Probe;
import io.bondbridge.agent.safety.ProbeSet;
import io.bondbridge.agent.safety.Verdict;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * observe → plan → apply, for one spec on this host. With a {@link ChangeGuard}, every change is
 * probed and rolled back if it cut the node off, and survives the agent dying mid-way.
 */
public final class Engine {
  private final HostObserver observer;
  private final Applier applier;
  private final KernelModules modules;
  private final ChangeGuard guard;
  private final Probe.Tcp apiServer;
  private final Applier.Listener hooks;

  public Engine(HostObserver observer, Applier applier, KernelModules modules) {
    this(observer, applier, modules, null, null, new Applier.Listener() {});
  }

  private Engine(
      HostObserver observer,
      Applier applier,
      KernelModules modules,
      ChangeGuard guard,
      Probe.Tcp apiServer,
      Applier.Listener hooks) {
    this.observer = observer;
    this.applier = applier;
    this.modules = modules;
    this.guard = guard;
    this.apiServer = apiServer;
    this.hooks = hooks;
  }

  /**
   * This engine with probes, checkpoints and rollback.
   *
   * @param apiServer the API server to probe, or null outside a cluster
   * @param hooks step hooks (metrics; a test's injected crash)
   */
  public Engine guarded(ChangeGuard changeGuard, Probe.Tcp apiServer, Applier.Listener hooks) {
    return new Engine(observer, applier, modules, changeGuard, apiServer, hooks);
  }

  /** What applying the spec would do here. */
  public Plan plan(BondBridgeNodeSpec spec) {
    return plan(spec, observer.observe());
  }

  /** What applying the spec would do to the host as observed. */
  public Plan plan(BondBridgeNodeSpec spec, HostState observed) {
    return Planner.plan(spec, observed, ownership(spec), recordedOrigins(spec));
  }

  private Origins recordedOrigins(BondBridgeNodeSpec spec) {
    return guard == null ? Origins.none() : guard.store().origins(spec.bondBridge());
  }

  public Plan teardownPlan(BondBridgeNodeSpec spec) {
    return Teardown.plan(spec, observer.observe(), ownership(spec), recordedOrigins(spec));
  }

  /**
   * Finishes a change an earlier run left unconfirmed (rolls it back, or confirms it if its probes
   * pass). An agent does this first, before anything else.
   */
  public Optional<Verdict> recover(BondBridgeNodeSpec spec) {
    return guard == null ? Optional.empty() : guard.recover(spec.bondBridge());
  }

  /** Makes the host match the spec, or leaves it as it was (refused, failed or rolled back). */
  public Outcome apply(BondBridgeNodeSpec spec) {
    modules.ensure(!spec.vlansOrEmpty().isEmpty());
    Optional<Verdict> recovered = recover(spec);
    HostState before = observer.observe();
    Origins recorded = recordedOrigins(spec);
    Plan plan = Planner.plan(spec, before, ownership(spec), recorded);
    if (plan.isRefused() || guard == null || plan.isEmpty()) {
      return run(plan).withRecovered(recovered.orElse(null));
    }
    Duration timeout =
        Duration.ofSeconds(
            spec.probes() == null || spec.probes().timeoutSeconds() == null
                ? 60
                : spec.probes().timeoutSeconds());
    Verdict verdict =
        guard.apply(spec.bondBridge(), plan, ProbeSet.of(spec.probes(), apiServer), timeout, hooks);
    if (verdict.kind() == Verdict.Kind.APPLIED) {
      Set<String> ports =
          before.links().values().stream()
              .filter(Link::isNic)
              .map(Link::name)
              .collect(Collectors.toSet());
      Origins origins = recorded.plus(plan.steps(), ports);
      if (!origins.isEmpty()) {
        guard.store().writeOrigins(spec.bondBridge(), origins);
      }
    }
    return new Outcome(plan, verdict.applyResult(), verdict, recovered.orElse(null));
  }

  /** Removes what the spec created here. */
  public Outcome delete(BondBridgeNodeSpec spec) {
    Outcome outcome = run(teardownPlan(spec));
    if (outcome.ok() && guard != null) {
      guard.store().deleteOrigins(spec.bondBridge());
    }
    return outcome;
  }

  public HostState observe() {
    return observer.observe();
  }

  private Outcome run(Plan plan) {
    if (plan.isRefused()) {
      return new Outcome(plan, null);
    }
    return new Outcome(plan, applier.apply(plan));
  }

  private static Ownership ownership(BondBridgeNodeSpec spec) {
    return new Ownership(spec.bondBridge());
  }

  /**
   * A plan and, unless it was refused, what applying it did; with a guard, how the guarded change
   * ended ({@code verdict}) and what an earlier unconfirmed change came to ({@code recovered}).
   */
  public record Outcome(Plan plan, Applier.Result result, Verdict verdict, Verdict recovered) {
    public Outcome(Plan plan, Applier.Result result) {
      this(plan, result, null, null);
    }

    Outcome withRecovered(Verdict earlier) {
      return new Outcome(plan, result, verdict, earlier);
    }

    public boolean ok() {
      return !plan.isRefused()
          && result != null
          && result.ok()
          && (verdict == null || verdict.kind() == Verdict.Kind.APPLIED);
    }

    public boolean rolledBack() {
      return verdict != null && verdict.kind() == Verdict.Kind.ROLLED_BACK;
    }
  }
}
