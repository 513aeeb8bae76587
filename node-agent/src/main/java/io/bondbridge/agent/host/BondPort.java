package io.bondbridge.agent.host;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A bond's port as /proc/net/bonding and {@code info_slave_data} report it.
 *
 * @param miiStatus "up" or "down" (the kernel's MII Status)
 * @param linkFailures the kernel's Link Failure Count
 * @param state "active" or "backup"
 */
public record BondPort(
    String name,
    String miiStatus,
    long linkFailures,
    String permanentMac,
    Integer speedMbps,
    String duplex,
    String state) {

  @JsonIgnore
  public boolean isUp() {
    return "up".equals(miiStatus);
  }
}
