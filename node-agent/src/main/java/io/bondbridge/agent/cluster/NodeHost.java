package io.bondbridge.agent.cluster;

import io.bondbridge.agent.Engine;
import io.bondbridge.agent.host.BondState;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.observe.HostStateAssembler;
import io.bondbridge.agent.plan.Plan;
import io.bondbridge.agent.safety.Verdict;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the agent in the cluster needs from its host: the engine's four verbs. On a node it is the
 * real {@link Engine}; the API-tier tests put an in-memory fake behind it.
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
   * A quick look at one bond's dynamic state (active port, each port's MII status and link failure
   * count) without starting a process, or empty where there is no such shortcut. A full {@link
   * #observe()} follows it anyway.
   */
  default Optional<BondState> glance(String bond) {
    return Optional.empty();
  }

  /** The real host, through the engine (with its probes, checkpoints and rollback when guarded). */
  static NodeHost of(Engine engine) {
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

      /** /proc/net/bonding/BOND: one file read, microseconds, where observe() runs three ip. */
      @Override
      public Optional<BondState> glance(String bond) {
        try {
          String text =
              new String(
                  Files.readAllBytes(Path.of("/proc/net/bonding", bond)), StandardCharsets.UTF_8);
          return Optional.of(HostStateAssembler.bond(bond, text, null, Map.of()));
        } catch (IOException | RuntimeException e) {
          return Optional.empty();
        }
      }
    };
  }
}
