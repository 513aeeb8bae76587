package io.bondbridge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where the IPv6 addresses of an interface come from. */
public enum Ipv6Mode {
  /**
   * Move the IPv6 addresses and routes the ports carry now onto this interface (SLAAC addresses
   * kept by the interface's token), and back on teardown.
   */
  @JsonProperty("inherit")
  INHERIT,
  /** Addresses per node, from a map or a pool, plus gateway and routes. */
  @JsonProperty("static")
  STATIC,
  /**
   * Addresses and default route from router advertisements (SLAAC) made on this interface, and an
   * address from DHCPv6 beside them where the link has a server.
   */
  @JsonProperty("auto")
  AUTO,
  /** No global IPv6 address or route on this interface (its link-local address is the kernel's). */
  @JsonProperty("none")
  NONE;

  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
