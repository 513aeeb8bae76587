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
import io.bondbridge.agent.safety.Change;
import io.bondbridge.agent.safety.ChangeGuard;
import io.bondbridge.agent.safety.Probe;
import io.bondbridge.agent.safety.ProbeSet;
import io.bondbridge.agent.safety.StateDir;
import io.bondbridge.agent.safety.Verdict;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * observe → plan → apply, for one spec on this host. With a {@link ChangeGuard}, every change — an
 * apply, a drift correction, a teardown — takes the same path: probed, checkpointed before each
 * step, rolled back if it cut the node off, and finished by the next run if the agent died mid-way.
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

  /** What deleting the spec would do here. */
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

  /**
   * Makes the host match the spec, or leaves it as it was (refused, failed or rolled back). A
   * guarded engine records the spec once the host matches it ({@link StateDir#writeApplied}).
   */
  public Outcome apply(BondBridgeNodeSpec spec) {
    Verdict recovered = recover(spec).orElse(null);
    HostState before = observer.observe();
    return remembered(spec, run(spec, plan(spec, before), () -> before).withRecovered(recovered));
  }

  /**
   * Applies a plan made for the spec on this host (the agent plans once: to see whether there is
   * anything to do, and to do it). If an earlier run left a change unconfirmed, that is finished
   * first and the plan is made again: the host it was made from is not there any more.
   */
  public Outcome apply(BondBridgeNodeSpec spec, Plan plan) {
    Optional<Verdict> recovered = recover(spec);
    return remembered(
        spec,
        run(spec, recovered.isEmpty() ? plan : plan(spec), observer::observe)
            .withRecovered(recovered.orElse(null)));
  }

  /** Records a spec the host now matches (a guarded engine only): see {@link StateDir}. */
  private Outcome remembered(BondBridgeNodeSpec spec, Outcome outcome) {
    if (guard != null && outcome.ok()) {
      guard.store().writeApplied(spec);
    }
    return outcome;
  }

  private Outcome run(BondBridgeNodeSpec spec, Plan plan, Supplier<HostState> planned) {
    if (plan.isRefused() || plan.isEmpty()) {
      return run(plan);
    }
    modules.ensure(!spec.vlansOrEmpty().isEmpty());
    Change change = Change.apply(spec.bondBridge(), plan, probes(spec), timeout(spec));
    if (guard != null) {
      // what the plan moves off the NICs is recorded once the change is confirmed
      Set<String> nics =
          planned.get().links().values().stream()
              .filter(Link::isNic)
              .map(Link::name)
              .collect(Collectors.toSet());
      change = change.withOrigins(recordedOrigins(spec).plus(plan.steps(), nics));
    }
    return guarded(change);
  }

  /**
   * Removes what the spec created here, through the same guard as an apply: a teardown that cuts
   * the node off, or is cut off itself, ends with the host as it was before it. The record of
   * inherited addresses goes only once the teardown is confirmed.
   */
  public Outcome delete(BondBridgeNodeSpec spec) {
    Verdict recovered = recover(spec).orElse(null);
    Plan plan = teardownPlan(spec);
    Outcome outcome =
        plan.isEmpty()
            ? run(plan)
            : guarded(Change.teardown(spec.bondBridge(), plan, probes(spec), timeout(spec)));
    if (guard != null && outcome.ok()) {
      // nothing of ours is left to give back, or to put back at the next start
      guard.store().deleteOrigins(spec.bondBridge());
      guard.store().deleteApplied(spec.bondBridge());
    }
    return outcome.withRecovered(recovered);
  }

  public HostState observe() {
    return observer.observe();
  }

  /** The specs this engine's guard recorded as applied, in name order (none when unguarded). */
  public List<BondBridgeNodeSpec> recorded() {
    return guard == null ? List.of() : guard.store().applied();
  }

  /** The one path of every change: the guard's, or the bare applier's in an unguarded engine. */
  private Outcome guarded(Change change) {
    if (guard == null) {
      return run(change.plan());
    }
    Verdict verdict = guard.run(change, hooks);
    return new Outcome(change.plan(), verdict.applyResult(), verdict, null);
  }

  private Outcome run(Plan plan) {
    if (plan.isRefused()) {
      return new Outcome(plan, null);
    }
    return new Outcome(plan, applier.apply(plan, hooks));
  }

  private List<Probe> probes(BondBridgeNodeSpec spec) {
    return ProbeSet.of(spec.probes(), apiServer);
  }

  private static Duration timeout(BondBridgeNodeSpec spec) {
    return Duration.ofSeconds(
        spec.probes() == null || spec.probes().timeoutSeconds() == null
            ? 60
            : spec.probes().timeoutSeconds());
  }

  private Origins recordedOrigins(BondBridgeNodeSpec spec) {
    return guard == null ? Origins.none() : guard.store().origins(spec.bondBridge());
  }

  private static Ownership ownership(BondBridgeNodeSpec spec) {
    return new Ownership(spec.bondBridge());
  }

  /**
   * What an apply, a drift correction or a teardown did: the plan and, unless it was refused, what
   * running it did; with a guard, how the guarded change ended ({@code verdict}) and what an
   * earlier unconfirmed change came to ({@code recovered}).
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

    /** Why it did not go through, in the words of a status message; null when it did. */
    public String failure() {
      if (ok()) {
        return null;
      }
      if (plan.isRefused()) {
        return String.join("; ", plan.refusals());
      }
      if (rolledBack()) {
        return "done, but " + verdict.failedProbe() + " failed afterwards, so it was rolled back";
      }
      return result != null && result.error() != null ? result.error() : "not done";
    }
  }
}
