package io.bondbridge.agent.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * The steps on a VLAN-filtering bridge's VLAN table, which only {@code bridge} sets; they run as a
 * process of their own, not in the ip session.
 */
public sealed interface BridgeVlanStep extends Step {

  @Override
  default String program() {
    return "bridge";
  }

  /**
   * {@code bridge vlan add dev DEVICE vid FIRST[-LAST] [pvid] [untagged] [self]}: VLANs of a port
   * of a VLAN-filtering bridge, or of the bridge itself ({@code self}). Adding an id that is there
   * already sets its flags anew. {@code undo} puts the entries back as they were observed.
   */
  record AddBridgeVlans(
      String device,
      int first,
      int last,
      boolean pvid,
      boolean untagged,
      boolean self,
      List<Step> undo)
      implements BridgeVlanStep {
    public List<String> ipArgs() {
      List<String> args =
          new ArrayList<>(List.of("vlan", "add", "dev", device, "vid", vids(first, last)));
      if (pvid) {
        args.add("pvid");
      }
      if (untagged) {
        args.add("untagged");
      }
      if (self) {
        args.add("self");
      }
      return args;
    }
  }

  /** {@code bridge vlan del dev DEVICE vid FIRST[-LAST] [self]}; {@code undo} as observed. */
  record DelBridgeVlans(String device, int first, int last, boolean self, List<Step> undo)
      implements BridgeVlanStep {
    public List<String> ipArgs() {
      List<String> args =
          new ArrayList<>(List.of("vlan", "del", "dev", device, "vid", vids(first, last)));
      if (self) {
        args.add("self");
      }
      return args;
    }
  }

  /** A VLAN range as iproute2 and networkd's [BridgeVLAN] write it: 20, or 20-22. */
  public static String vids(int first, int last) {
    return first == last ? String.valueOf(first) : first + "-" + last;
  }
}
