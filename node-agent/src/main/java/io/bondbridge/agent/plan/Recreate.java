package io.bondbridge.agent.plan;

import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Link;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to bring back a bond, VLAN or bridge of ours that a plan deletes: the undo of its {@link
 * LinkStep.DeleteLink}, built from the device as observed. One place, so that every plan that
 * deletes a device (a changed or removed VLAN, a teardown) restores the same things: kind, VLAN id
 * or bridge options, our mark, an MTU the kernel would not give it by itself, up, and its ports.
 * Addresses are not here: the plan deletes them in their own steps, whose undo adds them back.
 */
final class Recreate {
  /** The bridge options {@link BridgeSteps} sets, so the ones a recreated bridge must get back. */
  private static final List<String> BRIDGE_OPTIONS =
      List.of("stp_state", "forward_delay", "vlan_filtering");

  private Recreate() {}

  static LinkStep.DeleteLink delete(Link link, HostState host, Ownership owner) {
    return new LinkStep.DeleteLink(link.name(), steps(link, host, owner));
  }

  /**
   * Deletes a bond of ours; its undo makes it again with the spec's options, our mark, its MTU and
   * up. Its ports come back by the undo of their own release steps, in the kernel's order.
   */
  static LinkStep.DeleteLink deleteBond(Link bond, Map<String, String> options, Ownership owner) {
    String name = bond.name();
    List<Step> recreate = new ArrayList<>();
    recreate.add(new LinkStep.CreateBond(name, options));
    recreate.add(new LinkStep.SetAlias(name, owner.mark(), null));
    if (bond.mtu() != 1500) {
      recreate.add(new LinkStep.SetMtu(name, bond.mtu(), 1500));
    }
    if (bond.adminUp()) {
      recreate.add(new LinkStep.SetLinkState(name, true));
    }
    return new LinkStep.DeleteLink(name, recreate);
  }

  static List<Step> steps(Link link, HostState host, Ownership owner) {
    String name = link.name();
    List<Link> ports = host.portsOf(name);
    List<Step> steps = new ArrayList<>();
    steps.add(
        link.isVlan()
            ? new LinkStep.CreateVlan(link.parent(), name, link.vlanId())
            : new LinkStep.CreateBridge(name, bridgeOptions(link)));
    steps.add(new LinkStep.SetAlias(name, owner.mark(), null));
    int given = link.isVlan() ? parentMtu(link, host) : bridgeMtu(ports);
    if (link.mtu() != given) {
      steps.add(new LinkStep.SetMtu(name, link.mtu(), given));
    }
    if (link.adminUp()) {
      steps.add(new LinkStep.SetLinkState(name, true));
    }
    for (Link port : ports) {
      steps.add(new LinkStep.SetMaster(port.name(), name, null));
    }
    if (link.isBridge()) {
      steps.addAll(BridgeVlanSteps.recreate(link, host)); // its ports came back with VLAN 1 only
    }
    return steps;
  }

  private static Map<String, String> bridgeOptions(Link bridge) {
    Map<String, String> options = new LinkedHashMap<>();
    for (String key : BRIDGE_OPTIONS) {
      String value = bridge.kindData().get(key);
      if (value != null) {
        options.put(key, value);
      }
    }
    return options;
  }

  /** A new VLAN gets its parent's MTU. */
  private static int parentMtu(Link vlan, HostState host) {
    return host.link(vlan.parent()).map(Link::mtu).orElse(1500);
  }

  /**
   * A bridge whose MTU was never set follows the smallest of its ports' (1500 without ports), and
   * setting it pins it: so only an MTU that differs from that one is set again.
   */
  private static int bridgeMtu(List<Link> ports) {
    return ports.stream().mapToInt(Link::mtu).min().orElse(1500);
  }
}
