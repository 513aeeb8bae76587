package io.bondbridge.agent.host;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * An IPv4 or IPv6 route of the main table.
 *
 * @param destination "default" or a prefix such as 10.20.0.0/16 or 2001:db8:99::/64
 * @param gateway next hop, or null for an on-link route
 * @param protocol who made it: kernel (from an address), boot, static, dhcp, ra (IPv6 router
 *     advertisements), ...
 */
public record Route(
    String destination,
    String gateway,
    String device,
    Integer metric,
    String protocol,
    String scope,
    String source) {

  @JsonIgnore
  public boolean isDefault() {
    return "default".equals(destination)
        || "0.0.0.0/0".equals(destination)
        || "::/0".equals(destination);
  }

  /** iproute2 prints both families' default route as "default": the next hop tells them apart. */
  @JsonIgnore
  public boolean isIpv6() {
    return destination.contains(":") || (gateway != null && gateway.contains(":"));
  }

  /**
   * Learned from an IPv6 router advertisement: the router's to give. Never moved: a copy made by
   * hand would stop the kernel from taking the router's next advertisement (it finds no route of
   * its own to refresh, and drops the rest, prefixes included).
   */
  @JsonIgnore
  public boolean isRaLearned() {
    return "ra".equals(protocol);
  }

  /** Routes the kernel makes from an address; they come and go with it and are never moved. */
  @JsonIgnore
  public boolean isKernelMade() {
    return "kernel".equals(protocol);
  }

  /** A route with only its destination, next hop (null: on-link) and device set. */
  public static Route of(String destination, String gateway, String device) {
    return new Route(destination, gateway, device, null, null, null, null);
  }

  public Route onDevice(String newDevice) {
    return new Route(destination, gateway, newDevice, metric, protocol, scope, source);
  }

  public Route withMetric(Integer newMetric) {
    return new Route(destination, gateway, device, newMetric, protocol, scope, source);
  }

  public Route withProtocol(String newProtocol) {
    return new Route(destination, gateway, device, metric, newProtocol, scope, source);
  }

  public Route withScope(String newScope) {
    return new Route(destination, gateway, device, metric, protocol, newScope, source);
  }

  public Route withSource(String newSource) {
    return new Route(destination, gateway, device, metric, protocol, scope, newSource);
  }
}
