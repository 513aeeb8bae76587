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
  /** No IPv4 address on this interface. */
  @JsonProperty("none")
  NONE;

  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
