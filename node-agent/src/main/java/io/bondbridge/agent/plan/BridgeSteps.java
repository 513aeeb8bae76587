package io.bondbridge.agent.plan;

import io.bondbridge.api.v1alpha1.Bridge;
import java.util.LinkedHashMap;
import java.util.Map;

/** A bridge's steps (on the bond, or on a VLAN): made or its options changed, then up. */
final class BridgeSteps {
  private BridgeSteps() {}

  static void ensure(PlanContext ctx, Bridge bridge) {
    String name = bridge.name();
    Map<String, String> wanted = options(bridge);
    if (!ctx.sim().exists(name)) {
      ctx.emit(new LinkStep.CreateBridge(name, wanted));
      ctx.emit(new LinkStep.SetAlias(name, ctx.owner().mark(), null));
    } else {
      Map<String, String> observed = ctx.host().links().get(name).kindData();
      if ("0".equals(wanted.get("stp_state")) && "0".equals(observed.get("stp_state"))) {
        // without STP the forward delay has no effect (ports forward at once): it is left as the
        // host has it until STP goes on, when it is set with it. An adopted bridge made with
        // forward_delay 0 keeps it, and nothing is changed for a value nothing reads.
        wanted.remove("forward_delay");
      }
      Map<String, String> changed = new LinkedHashMap<>();
      Map<String, String> previous = new LinkedHashMap<>();
      wanted.forEach(
          (key, value) -> {
            String current = observed.get(key);
            if (!value.equals(current)) {
              changed.put(key, value);
              if (current != null) {
                previous.put(key, current);
              }
            }
          });
      if (!changed.isEmpty()) {
        ctx.emit(new LinkStep.SetBridgeOptions(name, changed, previous));
      }
    }
    if (bridge.mtu() != null) {
      ctx.ensureMtu(name, bridge.mtu());
    }
    if (!ctx.sim().isUp(name)) {
      ctx.emit(new LinkStep.SetLinkState(name, true));
    }
  }

  /** The options BondBridge sets on a bridge, as {@code ip} takes and {@code ip -d} shows them. */
  static Map<String, String> options(Bridge bridge) {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("stp_state", Boolean.TRUE.equals(bridge.stp()) ? "1" : "0");
    // ip and the kernel count forward_delay in hundredths of a second.
    int seconds = bridge.forwardDelay() == null ? 15 : bridge.forwardDelay();
    options.put("forward_delay", String.valueOf(seconds * 100));
    options.put("vlan_filtering", Boolean.TRUE.equals(bridge.vlanFiltering()) ? "1" : "0");
    return options;
  }
}
