package io.bondbridge.operator.model;

import io.bondbridge.api.v1alpha1.BondBridgeSpec;
import io.bondbridge.api.v1alpha1.PortSelector;
import io.bondbridge.api.v1alpha1.Vlan;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Two BondBridges that select the same node and claim the same interface there (bond, port by exact
 * name, VLAN interface or bridge) cannot both have it. The older one (creationTimestamp, then name)
 * keeps the node; the other gets no BondBridgeNode there. Policies are taken oldest first, and a
 * policy only loses to one that actually holds the node, so a chain A-B-C where only A and B
 * overlap leaves C its node.
 */
public final class Conflicts {
  private Conflicts() {}

  /** Who keeps the node instead of a policy, and which names they both claim. */
  public record Conflict(String node, String heldBy, Set<String> names) {}

  /**
   * The conflict that keeps {@code policy} off {@code node}, if any. {@code all} are every
   * BondBridge in the cluster (including {@code policy}); only those selecting the node count.
   */
  public static Optional<Conflict> lostTo(Policy policy, ClusterNode node, Collection<Policy> all) {
    List<Policy> contenders =
        all.stream()
            .filter(p -> p.name().equals(policy.name()) || selects(p, node))
            .sorted(Policy.OLDEST_FIRST)
            .toList();
    List<Policy> holders = new ArrayList<>();
    for (Policy p : contenders) {
      Optional<Conflict> conflict = Optional.empty();
      for (Policy holder : holders) {
        Set<String> shared = shared(claims(p.spec()), claims(holder.spec()));
        if (!shared.isEmpty()) {
          conflict = Optional.of(new Conflict(node.name(), holder.name(), shared));
          break;
        }
      }
      if (p.name().equals(policy.name())) {
        return conflict;
      }
      if (conflict.isEmpty()) {
        holders.add(p);
      }
    }
    return Optional.empty();
  }

  private static boolean selects(Policy p, ClusterNode node) {
    return p.spec() != null
        && p.spec().bond() != null
        && NodeSelection.matches(p.spec().nodeSelector(), node.labels());
  }

  /**
   * Every interface name a spec creates or takes on a node. Ports chosen by MAC, pattern or driver
   * are resolved only on the node, so the agent refuses those overlaps, not the operator.
   */
  public static Set<String> claims(BondBridgeSpec spec) {
    Set<String> names = new TreeSet<>();
    if (spec == null || spec.bond() == null) {
      return names;
    }
    String bond = spec.bond().name();
    names.add(bond);
    if (spec.bond().ports() != null) {
      spec.bond().ports().stream()
          .map(PortSelector::name)
          .filter(n -> n != null)
          .forEach(names::add);
    }
    if (spec.bridge() != null) {
      names.add(spec.bridge().name());
    }
    for (Vlan vlan : spec.vlansOrEmpty()) {
      names.add(vlan.interfaceName(bond));
      if (vlan.bridge() != null) {
        names.add(vlan.bridge().name());
      }
    }
    return names;
  }

  private static Set<String> shared(Set<String> a, Set<String> b) {
    Set<String> both = new TreeSet<>(a);
    both.retainAll(b);
    return both;
  }
}
