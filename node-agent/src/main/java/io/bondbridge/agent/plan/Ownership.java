package io.bondbridge.agent.plan;

import io.bondbridge.agent.host.Link;

/**
 * BondBridge's mark on the devices it creates: the interface alias {@code bondbridge:<name>}. The
 * alias survives agent restarts, lives in the kernel next to the device and is shown by {@code ip
 * link}, so an admin can see who made a device. Devices without our mark are never changed.
 */
public record Ownership(String bondBridge) {
  public static final String PREFIX = "bondbridge:";

  public String mark() {
    return PREFIX + bondBridge;
  }

  public boolean owns(Link link) {
    return mark().equals(link.alias());
  }

  /** The BondBridge that owns this device, or null when it is not BondBridge's at all. */
  public static String ownerOf(Link link) {
    return link.alias() != null && link.alias().startsWith(PREFIX)
        ? link.alias().substring(PREFIX.length())
        : null;
  }
}
