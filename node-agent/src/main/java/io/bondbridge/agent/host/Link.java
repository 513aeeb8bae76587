package io.bondbridge.agent.host;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Map;

/**
 * One network interface as {@code ip -j -d link show} and sysfs report it.
 *
 * @param kind {@code info_kind}: bond, bridge, vlan, veth, ...; null for a physical NIC
 * @param master the bond or bridge this interface is enslaved to, or null
 * @param permanentMac the burned-in MAC (a bond rewrites {@code mac}); null where unknown
 * @param carrier LOWER_UP: the link has carrier
 * @param alias {@code ifalias}; BondBridge's ownership mark lives here
 * @param parent the lower device of a VLAN, or null
 * @param vlanId the 802.1Q id of a VLAN, or null
 * @param driver the kernel driver from /sys/class/net/NAME/device/driver, or null
 * @param kindData {@code info_data} of the kind (bridge or vlan options), values as text
 */
public record Link(
    int index,
    String name,
    String kind,
    String master,
    String mac,
    String permanentMac,
    boolean adminUp,
    String operState,
    boolean carrier,
    int mtu,
    String alias,
    String parent,
    Integer vlanId,
    String driver,
    Map<String, String> kindData) {

  public Link {
    kindData = kindData == null ? Map.of() : Map.copyOf(kindData);
  }

  @JsonIgnore
  public boolean isBond() {
    return "bond".equals(kind);
  }

  @JsonIgnore
  public boolean isBridge() {
    return "bridge".equals(kind);
  }

  @JsonIgnore
  public boolean isVlan() {
    return "vlan".equals(kind);
  }

  /**
   * Whether this can be a bond port: an Ethernet NIC (no kind) or a veth (the NICs of our tests and
   * of many VMs), never a bond, bridge, VLAN or other virtual device.
   */
  @JsonIgnore
  public boolean isNic() {
    return (kind == null || "veth".equals(kind)) && !"lo".equals(name) && mac != null;
  }

  /** The MAC that identifies the NIC: the permanent one when the kernel reports it. */
  public String identityMac() {
    return permanentMac != null ? permanentMac : mac;
  }

  public Link withMaster(String newMaster) {
    return new Link(
        index,
        name,
        kind,
        newMaster,
        mac,
        permanentMac,
        adminUp,
        operState,
        carrier,
        mtu,
        alias,
        parent,
        vlanId,
        driver,
        kindData);
  }
}
