package io.bondbridge.agent.host;

/**
 * One VLAN of one port of a VLAN-filtering bridge (or of the bridge itself), as {@code bridge -j
 * vlan show} lists it.
 *
 * @param pvid untagged frames coming in on the port belong to this VLAN (at most one per port)
 * @param untagged frames of this VLAN leave the port without a tag
 */
public record BridgeVlan(int id, boolean pvid, boolean untagged) {

  public static BridgeVlan tagged(int id) {
    return new BridgeVlan(id, false, false);
  }

  /** The port's untagged VLAN: PVID and egress untagged, as the kernel gives VLAN 1 to a port. */
  public static BridgeVlan untaggedPvid(int id) {
    return new BridgeVlan(id, true, true);
  }

  /** The same flags as {@code other}, whatever the id. */
  public boolean sameFlags(BridgeVlan other) {
    return pvid == other.pvid && untagged == other.untagged;
  }
}
