package io.bondbridge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/** IPv6 configuration of an interface, for all selected nodes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.mode != 'static' || has(self.addresses) || has(self.pool)",
    message = "ipv6.mode static needs addresses (a map of node name to address) or a pool")
@ValidationRule(
    value =
        "self.mode == 'static' || !(has(self.addresses) || has(self.pool) || has(self.gateway) ||"
            + " has(self.routes))",
    message = "addresses, pool, gateway and routes are only used with ipv6.mode static")
public record Ipv6(
    @JsonPropertyDescription(
            "inherit: move the IPv6 addresses and routes the ports carry now onto this interface"
                + " (a SLAAC address stays the same), and back on teardown. static: addresses per"
                + " node from addresses or pool, plus gateway and routes. auto: the interface makes"
                + " its own addresses and default route from router advertisements (SLAAC), and"
                + " the agent's DHCPv6 client asks for an address beside them (where the agent has"
                + " CAP_NET_BIND_SERVICE: the chart's agent.dhcp.enabled). none: no global IPv6"
                + " address or route.")
        @Required
        Ipv6Mode mode,
    @JsonPropertyDescription(
            "Static addresses per node: node name to address with prefix length, e.g. node-a:"
                + " fd00:1::100/64. Takes precedence over pool.")
        @Size(max = 1000)
        Map<String, @Size(max = 43) String> addresses,
    @JsonPropertyDescription(
            "Addresses allocated to nodes that have none in addresses, one per node, stable across"
                + " reconciles.")
        AddressPool pool,
    @JsonPropertyDescription(
            "Default gateway, reached through this interface: a router's link-local address (e.g."
                + " fe80::1) or an address in the subnet of the addresses.")
        @Size(max = 39)
        String gateway,
    @JsonPropertyDescription("Further routes through this interface.") @Size(max = 64)
        List<Route> routes) {
  // Field rules sit on the accessors: on a record component the generator would emit them twice
  // (once from the field, once from the accessor).
  @ValidationRule(value = Ipv6Rules.ADDRESSES_FORMAT, message = Ipv6.CIDR_ADDRESS_MESSAGE)
  @ValidationRule(value = Ipv6Rules.ADDRESSES_PREFIX, message = Ipv6.PREFIX_MESSAGE)
  @ValidationRule(value = Ipv6Rules.ADDRESSES_UNICAST, message = Ipv6.UNICAST_MESSAGE)
  public Map<String, String> addresses() {
    return addresses;
  }

  @ValidationRule(value = Ipv6Rules.IS_IPV6, message = Ipv6.IPV6_MESSAGE)
  @ValidationRule(value = Ipv6Rules.UNICAST, message = Ipv6.GATEWAY_UNICAST_MESSAGE)
  public String gateway() {
    return gateway;
  }

  @ValidationRule(value = Ipv4.ROUTES_UNIQUE, message = Ipv4.ROUTES_UNIQUE_MESSAGE)
  public List<Route> routes() {
    return routes;
  }

  static final String IPV6_MESSAGE = "must be an IPv6 address, e.g. fd00:1::1 or fe80::1";
  static final String CIDR_ADDRESS_MESSAGE =
      "must be an IPv6 address with a prefix length, e.g. fd00:1::100/64";
  static final String PREFIX_MESSAGE =
      "an address needs a prefix length from 1 to 128, e.g. fd00:1::100/64 (/0 is no subnet)";
  static final String UNICAST_MESSAGE =
      "an address must be a global or unique-local unicast address: not :: (unspecified), ::1"
          + " (loopback), ff00::/8 (multicast) or fe80::/10 (link-local: every interface makes"
          + " its own)";
  static final String GATEWAY_UNICAST_MESSAGE =
      "the gateway must be a unicast address: not :: (unspecified), ::1 (loopback) or ff00::/8"
          + " (multicast)";

  public static Ipv6 inherit() {
    return new Ipv6(Ipv6Mode.INHERIT, null, null, null, null);
  }

  /** An address pool: a subnet whose addresses are handed out from its first one up. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AddressPool(
      @JsonPropertyDescription(
              "The subnet, e.g. fd00:1::/64; its prefix length is each node's. Nodes get"
                  + " <subnet>::1 upward, skipping the gateway and the mapped addresses.")
          @Required
          @Size(max = 43)
          String cidr) {
    // Field rules sit on the accessors: on a record component the generator would emit them twice
    // (once from the field, once from the accessor).
    @ValidationRule(
        value = Ipv6Rules.IS_IPV6_CIDR,
        message = "must be a subnet with a prefix length, e.g. fd00:1::/64")
    @ValidationRule(
        value = Ipv6Rules.POOL_PREFIX_RANGE,
        message =
            "the pool cidr needs a prefix length from 1 to 127, so it has addresses to hand out")
    @ValidationRule(value = Ipv6Rules.PREFIX_UNICAST, message = Ipv6.PREFIX_UNICAST_MESSAGE)
    public String cidr() {
      return cidr;
    }
  }

  static final String PREFIX_UNICAST_MESSAGE =
      "must be a global or unique-local unicast prefix: not ::/x, ff00::/8 (multicast) or"
          + " fe80::/10 (link-local)";

  /** A route through the interface. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Route(
      @JsonPropertyDescription("Destination subnet, e.g. fd00:20::/48.") @Required @Size(max = 43)
          String to,
      @JsonPropertyDescription("Next hop; unset for an on-link route.") @Size(max = 39) String via,
      // The agent's host model holds the metric as an int: bounded to it (the kernel's is u32).
      @JsonPropertyDescription("Route metric (priority), 0 to 2147483647; lower wins.")
          @Min(0)
          @Max(2147483647)
          Integer metric) {
    // Field rules sit on the accessors: on a record component the generator would emit them twice
    // (once from the field, once from the accessor).
    @ValidationRule(
        value = Ipv6Rules.IS_IPV6_CIDR,
        message = "must be a subnet with a prefix length, e.g. fd00:20::/48")
    @ValidationRule(
        value = Ipv6Rules.ADDRESS_PREFIX_NOT_ZERO,
        message = "the default route (::/0) comes from gateway: set ipv6.gateway instead")
    @ValidationRule(value = Ipv6Rules.PREFIX_UNICAST, message = Ipv6.PREFIX_UNICAST_MESSAGE)
    public String to() {
      return to;
    }

    @ValidationRule(value = Ipv6Rules.IS_IPV6, message = Ipv6.IPV6_MESSAGE)
    @ValidationRule(
        value = Ipv6Rules.UNICAST,
        message =
            "a next hop must be a unicast address: not :: (unspecified), ::1 (loopback) or"
                + " ff00::/8 (multicast)")
    public String via() {
      return via;
    }
  }
}
