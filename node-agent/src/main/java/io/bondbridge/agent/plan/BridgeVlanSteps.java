package io.bondbridge.agent.plan;

import io.bondbridge.agent.host.BridgeVlan;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Link;
import io.bondbridge.api.v1alpha1.Bridge;
import io.bondbridge.api.v1alpha1.VlanRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The VLAN table of a VLAN-filtering bridge: of its port (the bond, or a VLAN interface) and of the
 * bridge itself. Only the difference between the table as observed and as specified becomes steps
 * ({@code bridge vlan add/del}, ranges as one step), and each step's undo puts back the entries it
 * covers as they were observed. Other ports of the bridge (the VMs', added by a CNI) are not ours
 * and are left alone.
 */
final class BridgeVlanSteps {
  private BridgeVlanSteps() {}

  /**
   * What the kernel gives a port when it joins a bridge, and a new bridge itself: VLAN 1 as PVID,
   * egress untagged (the bridge's vlan_default_pvid, which BondBridge leaves at 1).
   */
  static final List<BridgeVlan> KERNEL_DEFAULT = List.of(BridgeVlan.untaggedPvid(1));

  /**
   * The steps for the table of {@code port} on {@code bridge} and of the bridge itself, against the
   * host as observed before the plan: a port that joins the bridge in this plan, and a bridge made
   * in it, start from {@link #KERNEL_DEFAULT}. Empty for a bridge that does not filter by VLAN.
   */
  static List<Step> steps(HostState host, Bridge bridge, String port) {
    return steps(host, bridge, port, false);
  }

  /**
   * @param portMade the plan makes the port (again): whatever table it had went with it
   */
  static List<Step> steps(HostState host, Bridge bridge, String port, boolean portMade) {
    if (!bridge.filtersVlans()) {
      return List.of();
    }
    String name = bridge.name();
    Link observedBridge = host.links().get(name);
    Link observedPort = host.links().get(port);
    boolean portWasIn = !portMade && observedPort != null && name.equals(observedPort.master());
    List<Step> steps = new ArrayList<>();
    steps.addAll(
        diff(
            port,
            false,
            portWasIn ? table(host, observedBridge, port) : KERNEL_DEFAULT,
            wanted(bridge, false)));
    steps.addAll(
        diff(
            name,
            true,
            observedBridge != null ? table(host, observedBridge, name) : KERNEL_DEFAULT,
            wanted(bridge, true)));
    return steps;
  }

  /**
   * Steps that make {@code observed} into {@code wanted} on one device: the new PVID first (the
   * kernel moves the PVID flag to it, so the port is never without one), then the other entries,
   * then what goes.
   */
  static List<Step> diff(
      String device, boolean self, List<BridgeVlan> observed, Map<Integer, BridgeVlan> wanted) {
    Map<Integer, BridgeVlan> before = byId(observed);
    List<BridgeVlan> changed = new ArrayList<>();
    List<BridgeVlan> gone = new ArrayList<>();
    wanted.values().stream().filter(v -> !v.equals(before.get(v.id()))).forEach(changed::add);
    before.values().stream().filter(v -> !wanted.containsKey(v.id())).forEach(gone::add);
    List<Step> steps = new ArrayList<>();
    changed.stream()
        .filter(BridgeVlan::pvid)
        .forEach(v -> steps.add(add(device, self, v.id(), v.id(), v, before)));
    for (List<BridgeVlan> run : runs(changed.stream().filter(v -> !v.pvid()).toList(), true)) {
      BridgeVlan first = run.get(0);
      steps.add(add(device, self, first.id(), run.get(run.size() - 1).id(), first, before));
    }
    for (List<BridgeVlan> run : runs(gone, false)) {
      int first = run.get(0).id();
      int last = run.get(run.size() - 1).id();
      steps.add(
          new BridgeVlanStep.DelBridgeVlans(
              device, first, last, self, restore(device, self, first, last, before)));
    }
    return steps;
  }

  /**
   * The steps that give back a bridge's observed table after the bridge is made again (the undo of
   * a teardown): from the kernel's default that its ports and itself get on joining, to what was
   * observed. Only for a bridge that filters by VLAN; empty otherwise.
   */
  static List<Step> recreate(Link bridge, HostState host) {
    if (!"1".equals(bridge.kindData().get("vlan_filtering"))) {
      return List.of();
    }
    List<Step> steps = new ArrayList<>();
    for (Link port : host.portsOf(bridge.name())) {
      steps.addAll(
          diff(port.name(), false, KERNEL_DEFAULT, byId(table(host, bridge, port.name()))));
    }
    steps.addAll(
        diff(bridge.name(), true, KERNEL_DEFAULT, byId(table(host, bridge, bridge.name()))));
    return steps;
  }

  /** The spec's table of the bridge's port ({@code self} false) or of the bridge itself. */
  static Map<Integer, BridgeVlan> wanted(Bridge bridge, boolean self) {
    Map<Integer, BridgeVlan> wanted = new TreeMap<>();
    int pvid = bridge.pvidOrDefault();
    wanted.put(pvid, BridgeVlan.untaggedPvid(pvid));
    List<VlanRange> tagged = self ? bridge.self() : bridge.trunk();
    for (VlanRange range : tagged == null ? List.<VlanRange>of() : tagged) {
      for (int id = range.first(); id <= range.last(); id++) {
        wanted.putIfAbsent(id, BridgeVlan.tagged(id));
      }
    }
    return wanted;
  }

  /**
   * A device's table as observed. The tables are read only where a bridge filters by VLAN: on a
   * bridge that did not, its ports and itself have the kernel's default (the kernel keeps the table
   * with filtering off too); on one that did, a device the output leaves out has no VLANs.
   */
  private static List<BridgeVlan> table(HostState host, Link bridge, String device) {
    if (!"1".equals(bridge.kindData().get("vlan_filtering"))) {
      return KERNEL_DEFAULT;
    }
    return host.bridgeVlans().getOrDefault(device, List.of());
  }

  private static Step add(
      String device,
      boolean self,
      int first,
      int last,
      BridgeVlan flags,
      Map<Integer, BridgeVlan> before) {
    return new BridgeVlanStep.AddBridgeVlans(
        device,
        first,
        last,
        flags.pvid(),
        flags.untagged(),
        self,
        restore(device, self, first, last, before));
  }

  /** The entries first..last back as observed: each run of them re-added, the absent deleted. */
  private static List<Step> restore(
      String device, boolean self, int first, int last, Map<Integer, BridgeVlan> before) {
    List<Step> steps = new ArrayList<>();
    int id = first;
    while (id <= last) {
      BridgeVlan was = before.get(id);
      int end = id;
      while (end < last && sameState(was, before.get(end + 1)) && (was == null || !was.pvid())) {
        end++;
      }
      steps.add(
          was == null
              ? new BridgeVlanStep.DelBridgeVlans(device, id, end, self, List.of())
              : new BridgeVlanStep.AddBridgeVlans(
                  device, id, end, was.pvid(), was.untagged(), self, List.of()));
      id = end + 1;
    }
    return steps;
  }

  private static boolean sameState(BridgeVlan a, BridgeVlan b) {
    return a == null ? b == null : b != null && a.sameFlags(b);
  }

  /** Runs of consecutive ids (with the same flags, if {@code sameFlags}), in id order. */
  private static List<List<BridgeVlan>> runs(List<BridgeVlan> vlans, boolean sameFlags) {
    List<List<BridgeVlan>> runs = new ArrayList<>();
    List<BridgeVlan> run = new ArrayList<>();
    for (BridgeVlan v : vlans.stream().sorted(Comparator.comparingInt(BridgeVlan::id)).toList()) {
      BridgeVlan last = run.isEmpty() ? null : run.get(run.size() - 1);
      if (last != null && (last.id() + 1 != v.id() || (sameFlags && !last.sameFlags(v)))) {
        runs.add(run);
        run = new ArrayList<>();
      }
      run.add(v);
    }
    if (!run.isEmpty()) {
      runs.add(run);
    }
    return runs;
  }

  private static Map<Integer, BridgeVlan> byId(List<BridgeVlan> vlans) {
    Map<Integer, BridgeVlan> map = new TreeMap<>();
    vlans.forEach(v -> map.put(v.id(), v));
    return map;
  }
}
