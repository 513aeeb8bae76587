package io.bondbridge.agent.plan;

import io.bondbridge.agent.host.BondState;
import io.bondbridge.agent.host.Link;
import io.bondbridge.agent.host.Route;
import io.bondbridge.api.v1alpha1.Bond;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The bond's steps: made or its options changed, ports in and out. */
final class BondSteps {
  private BondSteps() {}

  /** The module's bond0 goes: recreating it is the only way to set its mode. */
  static void replaceModuleBond0(PlanContext ctx) {
    String name = ctx.bondName();
    ctx.emit(new LinkStep.DeleteLink(name, List.of(new LinkStep.CreateBond(name, Map.of()))));
  }

  /** Creates the bond with every option, or changes the options that differ. */
  static void ensure(PlanContext ctx) {
    Bond bond = ctx.spec().bond();
    String name = bond.name();
    Simulation sim = ctx.sim();
    Map<KernelBondOption, String> wanted = KernelBondOption.desired(bond);
    if (!sim.exists(name)) {
      ctx.emit(new LinkStep.CreateBond(name, ipOptions(wanted)));
      ctx.emit(new LinkStep.SetAlias(name, ctx.owner().mark(), null));
    } else {
      Map<String, String> observed = ctx.host().bond(name).map(BondState::options).orElse(Map.of());
      Map<KernelBondOption, String> changed = new LinkedHashMap<>();
      Map<KernelBondOption, String> previous = new LinkedHashMap<>();
      wanted.forEach(
          (option, value) -> {
            String current = observed.getOrDefault(option.sysfsName(), "");
            if (!sameValue(option, value, current)) {
              changed.put(option, value);
              if (!current.isEmpty()) {
                previous.put(option, current);
              }
            }
          });
      if (!changed.isEmpty()) {
        change(ctx, changed, previous);
      }
    }
    if (bond.mtu() != null) {
      ctx.ensureMtu(name, bond.mtu());
    }
  }

  private static void change(
      PlanContext ctx,
      Map<KernelBondOption, String> changed,
      Map<KernelBondOption, String> previous) {
    String name = ctx.bondName();
    boolean empty =
        changed.keySet().stream()
            .anyMatch(
                o ->
                    o.change() == KernelBondOption.Change.EMPTY
                        || o.change() == KernelBondOption.Change.DOWN_AND_EMPTY);
    boolean down =
        changed.keySet().stream().anyMatch(o -> o.change() != KernelBondOption.Change.LIVE);
    if (down && ctx.sim().isUp(name)) {
      // Taking the bond down makes the kernel drop the routes via it (the default route when
      // the bond is the top interface): deleted explicitly, so undo puts them back, and added
      // again once the bond is up (AddressSteps.bringUpTop).
      for (Route route : ctx.host().routesVia(name)) {
        if (!route.isKernelMade()) {
          ctx.emit(new RouteStep.DelRoute(route));
          ctx.routesDownedWithBond().add(route);
        }
      }
      ctx.emit(new LinkStep.SetLinkState(name, false));
    }
    if (empty) {
      for (Link port : ctx.host().portsOf(name)) {
        ctx.emit(new LinkStep.SetMaster(port.name(), null, name));
      }
    }
    ctx.emit(new LinkStep.SetBondOptions(name, ipOptions(changed), ipOptions(previous)));
  }

  /** Enslaves the port unless it is in already: set down first (kernel 6.1 refuses it up). */
  static void enslave(PlanContext ctx, String port) {
    Simulation sim = ctx.sim();
    String bond = ctx.bondName();
    if (!bond.equals(sim.master(port))) {
      if (sim.isUp(port)) {
        ctx.emit(new LinkStep.SetLinkState(port, false));
      }
      ctx.emit(new LinkStep.SetMaster(port, bond, sim.master(port)));
    }
  }

  /** Ports of the bond the spec no longer names: released and set up again. */
  static void releaseOthers(PlanContext ctx, List<String> ports) {
    String bond = ctx.bondName();
    for (Link extra : ctx.host().portsOf(bond)) {
      if (!ports.contains(extra.name())) {
        ctx.emit(new LinkStep.SetMaster(extra.name(), null, bond));
        ctx.emit(new LinkStep.SetLinkState(extra.name(), true));
      }
    }
  }

  private static boolean sameValue(KernelBondOption option, String wanted, String current) {
    if (option == KernelBondOption.ARP_IP_TARGET || option == KernelBondOption.NS_IP6_TARGET) {
      return Set.of(wanted.split(" ")).equals(Set.of(current.trim().split("\\s+")));
    }
    return wanted.equalsIgnoreCase(current.trim());
  }

  static Map<String, String> ipOptions(Map<KernelBondOption, String> options) {
    Map<String, String> ip = new LinkedHashMap<>();
    options.forEach((option, value) -> ip.put(option.ipName(), option.ipValue(value)));
    return ip;
  }
}
