package io.bondbridge.agent.cluster;

import io.bondbridge.agent.Engine;
import io.bondbridge.api.v1alpha1.BondBridgeNode;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's own record of what it applied (the guarded engine writes it once a change is
 * confirmed): after a reboot the kernel has forgotten the bond, and a node that needs the bond, its
 * VLAN or its bridge to reach the API server would never get it back from the API server. So at
 * start the agent first puts back every recorded spec of its node, guarded, before and without the
 * API server. Once the watch has its first list, the API server's word counts: a child that is
 * there is reconciled as usual (a newer spec is applied over the recorded one), and a recorded spec
 * whose child is gone altogether (its BondBridge deleted while the agent was away, its finalizer
 * removed by hand) is torn down.
 */
final class RecordedSpecs {
  private static final Logger LOG = LoggerFactory.getLogger(RecordedSpecs.class);

  private final NodeHost host;
  private final String node;

  RecordedSpecs(NodeHost host, String node) {
    this.host = host;
    this.node = node;
  }

  /** Applies every recorded spec of this node (on the worker, before any event). */
  void putBack() {
    for (BondBridgeNodeSpec spec : host.recorded()) {
      if (!node.equals(spec.node())) {
        continue;
      }
      Engine.Outcome outcome = host.apply(spec);
      if (outcome.plan().isEmpty()) {
        LOG.debug("{}: the host still matches the recorded spec", spec.bondBridge());
      } else if (outcome.ok()) {
        LOG.info(
            "{}: put back from the agent's record ({} steps), before the API server answered",
            spec.bondBridge(),
            outcome.result().done().size());
      } else {
        LOG.warn(
            "{}: the recorded spec could not be put back: {}",
            spec.bondBridge(),
            outcome.failure());
      }
    }
  }

  /**
   * Tears down each recorded spec of this node that no child of the first list names. A child whose
   * spec cannot be read might be any BondBridge's: then nothing is torn down.
   */
  void forgetGone(Collection<BondBridgeNode> children) {
    if (children.stream().anyMatch(c -> c.getSpec() == null)) {
      return;
    }
    Set<String> listed =
        children.stream().map(c -> c.getSpec().bondBridge()).collect(Collectors.toSet());
    for (BondBridgeNodeSpec spec : host.recorded()) {
      if (!node.equals(spec.node()) || listed.contains(spec.bondBridge())) {
        continue;
      }
      Engine.Outcome outcome = host.delete(spec);
      if (outcome.ok()) {
        LOG.info(
            "{}: gone from the API server while the agent was away; torn down ({} steps)",
            spec.bondBridge(),
            outcome.plan().isEmpty() ? 0 : outcome.result().done().size());
      } else {
        LOG.warn(
            "{}: gone from the API server, but its teardown failed: {}",
            spec.bondBridge(),
            outcome.failure());
      }
    }
  }
}
