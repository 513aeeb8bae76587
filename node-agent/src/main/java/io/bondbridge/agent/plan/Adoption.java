package io.bondbridge.agent.plan;

import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Link;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.NodeVlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Taking over hand-made devices ({@code spec.adopt: true}): a bond, bridge or VLAN that the spec
 * names, that exists without any BondBridge's mark and is of the kind the spec names, gets our mark
 * as the plan's first steps; from then on it is planned as one of ours, so what already matches the
 * spec (ports, mode, options, addresses) gives no step and no link flaps, and what differs is
 * planned like any change, guarded. The module's own empty {@code bond0} is not adopted: it is
 * replaced, as without adopt ({@link ModuleBond0}). Pure, like {@link Planner}.
 */
final class Adoption {
  private Adoption() {}

  /** The devices the spec adopts on this host: none unless it says {@code adopt}. */
  static List<Link> devices(BondBridgeNodeSpec spec, HostState host, Ownership owner) {
    List<Link> adopted = new ArrayList<>();
    if (!spec.adopts()) {
      return adopted;
    }
    kinds(spec)
        .forEach(
            (name, kind) ->
                host.link(name)
                    .filter(link -> Ownership.ownerOf(link) == null)
                    .filter(link -> kind.equals(link.kind()))
                    .filter(link -> !isModuleBond0(link, spec, host))
                    .ifPresent(adopted::add));
    return adopted;
  }

  /** The host as the rest of the plan sees it: the adopted devices with our mark. */
  static HostState marked(HostState host, List<Link> adopted, Ownership owner) {
    if (adopted.isEmpty()) {
      return host;
    }
    Map<String, Link> links = new LinkedHashMap<>(host.links());
    adopted.forEach(link -> links.put(link.name(), link.withAlias(owner.mark())));
    return host.withLinks(links);
  }

  /** The plan's first steps: our mark on each adopted device; the undo puts its alias back. */
  static void mark(PlanContext ctx, List<Link> adopted) {
    adopted.forEach(
        link -> ctx.emit(new LinkStep.SetAlias(link.name(), ctx.owner().mark(), link.alias())));
  }

  /**
   * What a refusal of a foreign device adds, so the admin knows the way in: how to adopt it, or why
   * adopt would not take it.
   */
  static Optional<String> hint(BondBridgeNodeSpec spec, Link existing) {
    String kind = kinds(spec).get(existing.name());
    if (kind == null) {
      return Optional.empty();
    }
    if (!kind.equals(existing.kind())) {
      return Optional.of(
          "adopt takes over only a device of the kind the spec names, and "
              + existing.name()
              + " is "
              + (existing.kind() == null ? "a NIC" : "a " + existing.kind())
              + ", not a "
              + kind);
    }
    return spec.adopts()
        ? Optional.empty()
        : Optional.of(
            "to take it over as it is, without a flap, set spec.adopt: true (the CLI: --adopt)");
  }

  /** Each device name the spec asks for, with the kind of device it names. */
  private static Map<String, String> kinds(BondBridgeNodeSpec spec) {
    Map<String, String> kinds = new LinkedHashMap<>();
    kinds.put(spec.bond().name(), "bond");
    if (spec.bridge() != null) {
      kinds.put(spec.bridge().name(), "bridge");
    }
    for (NodeVlan vlan : spec.vlansOrEmpty()) {
      kinds.put(vlan.name(), "vlan");
      if (vlan.bridge() != null) {
        kinds.put(vlan.bridge().name(), "bridge");
      }
    }
    return kinds;
  }

  private static boolean isModuleBond0(Link link, BondBridgeNodeSpec spec, HostState host) {
    return link.name().equals(spec.bond().name()) && ModuleBond0.differences(link, host).isEmpty();
  }
}
