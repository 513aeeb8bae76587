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
    return toBuilder().master(newMaster).build();
  }

  public Link withAlias(String newAlias) {
    return toBuilder().alias(newAlias).build();
  }

  /** A builder holding this link's values, to change a few of them. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** A link of this name: index 0, no kind (a NIC), down, MTU 1500, everything else unset. */
  public static Builder named(String name) {
    return new Builder(
        new Link(
            0, name, null, null, null, null, false, null, false, 1500, null, null, null, null,
            Map.of()));
  }

  /** Builds a {@link Link} part by part; unset parts keep the values it started from. */
  public static final class Builder {
    private int index;
    private String name;
    private String kind;
    private String master;
    private String mac;
    private String permanentMac;
    private boolean adminUp;
    private String operState;
    private boolean carrier;
    private int mtu;
    private String alias;
    private String parent;
    private Integer vlanId;
    private String driver;
    private Map<String, String> kindData;

    private Builder(Link l) {
      index = l.index;
      name = l.name;
      kind = l.kind;
      master = l.master;
      mac = l.mac;
      permanentMac = l.permanentMac;
      adminUp = l.adminUp;
      operState = l.operState;
      carrier = l.carrier;
      mtu = l.mtu;
      alias = l.alias;
      parent = l.parent;
      vlanId = l.vlanId;
      driver = l.driver;
      kindData = l.kindData;
    }

    public Builder index(int value) {
      index = value;
      return this;
    }

    public Builder kind(String value) {
      kind = value;
      return this;
    }

    public Builder master(String value) {
      master = value;
      return this;
    }

    public Builder mac(String value) {
      mac = value;
      return this;
    }

    public Builder permanentMac(String value) {
      permanentMac = value;
      return this;
    }

    /** Admin state; operState and carrier follow it (a virtual device, a NIC with its cable in). */
    public Builder up(boolean value) {
      adminUp = value;
      operState = value ? "UP" : "DOWN";
      carrier = value;
      return this;
    }

    public Builder operState(String value) {
      operState = value;
      return this;
    }

    public Builder carrier(boolean value) {
      carrier = value;
      return this;
    }

    public Builder mtu(int value) {
      mtu = value;
      return this;
    }

    public Builder alias(String value) {
      alias = value;
      return this;
    }

    /** A VLAN on {@code lower} with this 802.1Q id. */
    public Builder vlan(String lower, Integer id) {
      parent = lower;
      vlanId = id;
      return this;
    }

    public Builder driver(String value) {
      driver = value;
      return this;
    }

    public Builder kindData(Map<String, String> value) {
      kindData = value;
      return this;
    }

    public Link build() {
      return new Link(
          index,
          name,
          kind,
          master,
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
}
