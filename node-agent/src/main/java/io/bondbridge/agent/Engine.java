package io.bondbridge.agent;

import io.bondbridge.agent.apply.Applier;
import io.bondbridge.agent.apply.KernelModules;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.observe.HostObserver;
import io.bondbridge.agent.plan.Ownership;
import io.bondbridge.agent.plan.Plan;
import io.bondbridge.agent.plan.Planner;
import io.bondbridge.agent.plan.Teardown;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;

/** observe → plan → apply, for one spec on this host. */
public final class Engine {
  private final HostObserver observer;
  private final Applier applier;
  private final KernelModules modules;

  public Engine(HostObserver observer, Applier applier, KernelModules modules) {
    this.observer = observer;
    this.applier = applier;
    this.modules = modules;
  }

  /** What applying the spec would do here. */
  public Plan plan(BondBridgeNodeSpec spec) {
    return Planner.plan(spec, observer.observe(), ownership(spec));
  }

  public Plan teardownPlan(BondBridgeNodeSpec spec) {
    return Teardown.plan(spec, observer.observe(), ownership(spec));
  }

  /**
   * Makes the host match the spec, or leaves it untouched if the spec is refused or a step fails.
   */
  public Outcome apply(BondBridgeNodeSpec spec) {
    modules.ensure(!spec.vlansOrEmpty().isEmpty());
    return run(plan(spec));
  }

  /** Removes what the spec created here. */
  public Outcome delete(BondBridgeNodeSpec spec) {
    return run(teardownPlan(spec));
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

  /** A plan and, unless it was refused, what applying it did. */
  public record Outcome(Plan plan, Applier.Result result) {
    public boolean ok() {
      return !plan.isRefused() && result.ok();
    }
  }
}
