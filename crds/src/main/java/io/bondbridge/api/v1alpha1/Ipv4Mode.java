package io.bondbridge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where the addresses of an interface come from. */
public enum Ipv4Mode {
  /**
   * Move the addresses and routes the ports carry now onto this interface, and back on teardown.
   */
  @JsonProperty("inherit")
  INHERIT,
  /** Addresses per node, from a map or a pool, plus gateway and routes. */
  @JsonProperty("static")
  STATIC,
  /**
   * The address and the default route come from a DHCP lease, kept alive by a DHCP client the agent
   * runs on this interface; the node's reservation by MAC holds, since the bond has its first
   * port's MAC.
   */
  @JsonProperty("dhcp")
  DHCP,
  /** No IPv4 address on this interface. */
  @JsonProperty("none")
  NONE;

  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
