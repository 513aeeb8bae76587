package io.bondbridge.agent.cluster;

import io.bondbridge.agent.Engine;
import io.bondbridge.agent.apply.Applier;
import io.bondbridge.agent.apply.KernelModules;
import io.bondbridge.agent.drill.DrillReport;
import io.bondbridge.agent.drill.FailoverDrill;
import io.bondbridge.agent.exec.CommandRunner;
import io.bondbridge.agent.exec.IpSessions;
import io.bondbridge.agent.exec.Iproute;
import io.bondbridge.agent.host.BondState;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.observe.HostObserver;
import io.bondbridge.agent.plan.Plan;
import io.bondbridge.agent.resolved.Resolvectl;
import io.bondbridge.agent.safety.ChangeGuard;
import io.bondbridge.agent.safety.Probe;
import io.bondbridge.agent.safety.ProbeRunner;
import io.bondbridge.agent.safety.StateDir;
import io.bondbridge.agent.safety.Verdict;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.DrillMethod;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * What the agent in the cluster needs from its host: the engine's four verbs and the drill. On a
 * node it is the real {@link Engine}; the API-tier tests put an in-memory fake behind it. Every
 * call of the engine from {@code cluster/} is in this file.
 */
public interface NodeHost {

  Plan plan(BondBridgeNodeSpec spec);

  /**
   * What applying the spec would do to a host as already observed: no second look at the host (only
   * the agent's record of inherited addresses is read). How link events are checked for drift.
   */
  Plan plan(BondBridgeNodeSpec spec, HostState observed);

  Engine.Outcome apply(BondBridgeNodeSpec spec);

  /**
   * Applies a plan already made for the spec (by {@link #plan}), so the host is not planned twice;
   * the engine plans again only if it first had to finish a change an earlier run left.
   */
  default Engine.Outcome apply(BondBridgeNodeSpec spec, Plan plan) {
    return apply(spec);
  }

  Engine.Outcome delete(BondBridgeNodeSpec spec);

  HostState observe();

  /**
   * Finishes a change an earlier run of the agent left unconfirmed (it died while applying or
   * probing): rolled back or confirmed. Done once per BondBridgeNode, before anything else.
   */
  default Optional<Verdict> recover(BondBridgeNodeSpec spec) {
    return Optional.empty();
  }

  /**
   * The specs last applied here, as the guarded engine recorded them on the host's disk: what the
   * agent puts back at start, before and without the API server.
   */
  default List<BondBridgeNodeSpec> recorded() {
    return List.of();
  }

  /**
   * A quick look at one bond's dynamic state (active port, each port's MII status and link failure
   * count) without starting a process, or empty where there is no such shortcut. A full {@link
   * #observe()} follows it anyway.
   */
  default Optional<BondState> glance(String bond) {
    return Optional.empty();
  }

  /**
   * Seed 001's failover drill on the spec's bond ({@link FailoverDrill}): each port failed and put
   * back in turn, the gateway pinged every 10 ms. Refuses where it could take the last path away;
   * every port is up again when it returns.
   */
  DrillReport drill(BondBridgeNodeSpec spec, DrillMethod method);

  /** Sets every port of the bond up again: after a drill that was cut off by a restart. */
  void putPortsBack(BondBridgeNodeSpec spec);

  /**
   * This host, through the guarded engine: probes, checkpoints in {@code stateDir}, rollback.
   *
   * @param apiServer the API server, probed around every change: it is the agent's own lifeline
   */
  static NodeHost guarded(CommandRunner runner, Path stateDir, Probe.Tcp apiServer) {
    // one ip -batch session for the agent's life: steps and observations start no process
    Iproute iproute = new IpSessions(runner);
    HostObserver kernel = new HostObserver(iproute, runner, Path.of("/"));
    HostObserver observer = kernel.withResolved(new Resolvectl(runner));
    Applier applier = new Applier(iproute, runner);
    ChangeGuard guard =
        new ChangeGuard(
            applier,
            new StateDir(stateDir),
            new ProbeRunner(runner, kernel::observe), // probes need routes, not resolved
            Clock.systemUTC());
    Engine engine =
        new Engine(observer, applier, new KernelModules(runner))
            .guarded(guard, apiServer, new Applier.Listener() {});
    return of(engine, observer, runner);
  }

  /**
   * The real host, through the engine (with its probes, checkpoints and rollback when guarded);
   * quick looks and drills through the observer the engine reads the host with, so all see one
   * root.
   */
  static NodeHost of(Engine engine, HostObserver observer, CommandRunner runner) {
    FailoverDrill drills = new FailoverDrill(runner, observer);
    return new NodeHost() {
      @Override
      public Plan plan(BondBridgeNodeSpec spec) {
        return engine.plan(spec);
      }

      @Override
      public Plan plan(BondBridgeNodeSpec spec, HostState observed) {
        return engine.plan(spec, observed);
      }

      @Override
      public Engine.Outcome apply(BondBridgeNodeSpec spec) {
        return engine.apply(spec);
      }

      @Override
      public Engine.Outcome apply(BondBridgeNodeSpec spec, Plan plan) {
        return engine.apply(spec, plan);
      }

      @Override
      public Engine.Outcome delete(BondBridgeNodeSpec spec) {
        return engine.delete(spec);
      }

      @Override
      public HostState observe() {
        return engine.observe();
      }

      @Override
      public Optional<Verdict> recover(BondBridgeNodeSpec spec) {
        return engine.recover(spec);
      }

      @Override
      public List<BondBridgeNodeSpec> recorded() {
        return engine.recorded();
      }

      @Override
      public Optional<BondState> glance(String bond) {
        return observer.glance(bond);
      }

      @Override
      public DrillReport drill(BondBridgeNodeSpec spec, DrillMethod method) {
        return drills.run(spec, method);
      }

      @Override
      public void putPortsBack(BondBridgeNodeSpec spec) {
        drills.putPortsBack(spec.bond().name());
      }
    };
  }
}
