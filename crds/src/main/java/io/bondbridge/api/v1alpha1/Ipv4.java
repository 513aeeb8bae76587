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

/** IPv4 configuration of an interface, for all selected nodes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = Ipv4Rules.GATEWAY_IN_SUBNET, message = Ipv4.GATEWAY_IN_SUBNET_MESSAGE)
@ValidationRule(
    value = "self.mode != 'static' || has(self.addresses) || has(self.pool)",
    message = "ipv4.mode static needs addresses (a map of node name to address) or a pool")
@ValidationRule(
    value =
        "self.mode == 'static' || self.mode == 'dhcp' || !(has(self.addresses) || has(self.pool) ||"
            + " has(self.gateway) || has(self.routes) || has(self.dns))",
    message = "addresses, pool, gateway, routes and dns are only used with ipv4.mode static")
@ValidationRule(value = Ipv4.DHCP_ALONE, message = Ipv4.DHCP_ALONE_MESSAGE)
public record Ipv4(
    @JsonPropertyDescription(
            "inherit: move the addresses and routes the ports carry now (the node IP, the default"
                + " route) onto this interface, and back to the ports on teardown. static:"
                + " addresses per node from addresses or pool, plus gateway and routes. dhcp: the"
                + " address and the default route from a DHCP lease, renewed by a client the agent"
                + " runs on this interface (a port's lease moves here first). none: no address.")
        @Required
        Ipv4Mode mode,
    @JsonPropertyDescription(
            "Static addresses per node: node name to address with prefix length, e.g. node-a:"
                + " 192.168.1.100/24. Takes precedence over pool.")
        @Size(max = 1000)
        Map<String, @Size(max = 18) String> addresses,
    @JsonPropertyDescription(
            "Addresses allocated to nodes that have none in addresses, one per node, stable across"
                + " reconciles.")
        AddressPool pool,
    @JsonPropertyDescription(
            "Default gateway, reached through this interface; in the subnet of the addresses.")
        @Size(max = 15)
        String gateway,
    @JsonPropertyDescription("Further routes through this interface.") @Size(max = 64)
        List<Route> routes,
    @JsonPropertyDescription("DNS servers and search domains for the node.") Dns dns) {
  // Field rules sit on the accessors: on a record component the generator would emit them twice
  // (once from the field, once from the accessor).
  @ValidationRule(
      value = Ipv4Rules.ADDRESSES_FORMAT,
      message =
          "each address must be an IPv4 address with a prefix length, e.g." + " 192.168.1.100/24")
  @ValidationRule(value = Ipv4Rules.ADDRESSES_PREFIX, message = Ipv4.PREFIX_MESSAGE)
  @ValidationRule(value = Ipv4Rules.ADDRESSES_HOST, message = Ipv4.HOST_MESSAGE)
  @ValidationRule(value = Ipv4Rules.ADDRESSES_UNICAST, message = Ipv4.UNICAST_MESSAGE)
  public Map<String, String> addresses() {
    return addresses;
  }

  @ValidationRule(value = Ipv4Rules.IS_IPV4, message = Ipv4.IPV4_MESSAGE)
  @ValidationRule(value = Ipv4Rules.UNICAST, message = Ipv4.GATEWAY_UNICAST_MESSAGE)
  public String gateway() {
    return gateway;
  }

  @ValidationRule(value = Ipv4.ROUTES_UNIQUE, message = Ipv4.ROUTES_UNIQUE_MESSAGE)
  public List<Route> routes() {
    return routes;
  }

  static final String DHCP_ALONE =
      "self.mode != 'dhcp' || !(has(self.addresses) || has(self.pool) || has(self.gateway) ||"
          + " has(self.routes) || has(self.dns))";
  static final String DHCP_ALONE_MESSAGE =
      "with ipv4.mode dhcp the address and the gateway come from the DHCP lease: addresses, pool,"
          + " gateway, routes and dns are only used with ipv4.mode static";
  static final String IPV4_MESSAGE = "must be an IPv4 address, e.g. 192.168.1.1";
  static final String CIDR_ADDRESS_MESSAGE =
      "must be an IPv4 address with a prefix length, e.g. 192.168.1.100/24";
  static final String PREFIX_MESSAGE =
      "an address needs a prefix length from 1 to 32, e.g. 192.168.1.100/24 (/0 is no subnet)";
  static final String HOST_MESSAGE =
      "an address must not be its subnet's network or broadcast address (such as"
          + " 192.168.1.0/24 or 192.168.1.255/24): pick a host address, e.g. 192.168.1.100/24";
  static final String UNICAST_MESSAGE =
      "an address must be a unicast address: not 0.x.x.x, 127.x.x.x (loopback) or 224.0.0.0 and"
          + " above (multicast and broadcast)";
  static final String GATEWAY_UNICAST_MESSAGE =
      "the gateway must be a unicast address: not 0.x.x.x, 127.x.x.x (loopback) or 224.0.0.0"
          + " and above (multicast and broadcast)";
  static final String GATEWAY_IN_SUBNET_MESSAGE =
      "the gateway must lie in the subnet of every address (and of the pool), e.g. 192.168.1.1"
          + " for 192.168.1.100/24: the kernel reaches a gateway only through the interface's"
          + " own subnet";
  static final String ROUTES_UNIQUE =
      "self.all(r, self.exists_one(s, s.to == r.to && (has(s.metric) ? s.metric : 0) =="
          + " (has(r.metric) ? r.metric : 0)))";
  static final String ROUTES_UNIQUE_MESSAGE =
      "each route may be listed only once: two routes with the same destination and metric are"
          + " one route to the kernel";

  public static Ipv4 inherit() {
    return new Ipv4(Ipv4Mode.INHERIT, null, null, null, null, null);
  }

  public static Ipv4 dhcp() {
    return new Ipv4(Ipv4Mode.DHCP, null, null, null, null, null);
  }

  public static Ipv4 none() {
    return new Ipv4(Ipv4Mode.NONE, null, null, null, null, null);
  }

  /** An address pool: a subnet and, optionally, the part of it to hand out. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @ValidationRule(
      value = Ipv4Rules.RANGE_ORDER,
      message =
          "range must go from the lower address to the higher, e.g."
              + " 192.168.1.100-192.168.1.199")
  @ValidationRule(
      value = Ipv4Rules.RANGE_IN_CIDR,
      message =
          "range must lie inside cidr, between its network and broadcast addresses, e.g."
              + " 192.168.1.100-192.168.1.199 in 192.168.1.0/24")
  public record AddressPool(
      @JsonPropertyDescription("The subnet, e.g. 192.168.1.0/24; its prefix length is each node's.")
          @Required
          @Size(max = 18)
          String cidr,
      @JsonPropertyDescription(
              "First and last address to hand out, e.g. 192.168.1.100-192.168.1.199. Default:"
                  + " the whole subnet but its network, broadcast and gateway addresses.")
          @Size(max = 31)
          String range) {
    // Field rules sit on the accessors: on a record component the generator would emit them twice
    // (once from the field, once from the accessor).
    @ValidationRule(
        value = Ipv4Rules.IS_IPV4_CIDR,
        message = "must be a subnet with a prefix length, e.g. 192.168.1.0/24")
    @ValidationRule(
        value = Ipv4Rules.SUBNET_HOST_BITS,
        message = "the pool cidr must be a subnet with its host bits zero, e.g. 192.168.1.0/24")
    @ValidationRule(
        value = Ipv4Rules.POOL_PREFIX_RANGE,
        message =
            "the pool cidr needs a prefix length from 1 to 30, so it has host addresses to"
                + " hand out")
    @ValidationRule(value = Ipv4Rules.ADDRESS_UNICAST, message = Ipv4.UNICAST_MESSAGE)
    public String cidr() {
      return cidr;
    }

    @ValidationRule(
        value = Ipv4Rules.IS_IPV4_RANGE,
        message = "must be two IPv4 addresses joined by '-', e.g. 192.168.1.100-192.168.1.199")
    public String range() {
      return range;
    }
  }

  /** A route through the interface. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Route(
      @JsonPropertyDescription("Destination subnet, e.g. 10.20.0.0/16.") @Required @Size(max = 18)
          String to,
      @JsonPropertyDescription("Next hop; unset for an on-link route.") @Size(max = 15) String via,
      // The agent's host model holds the metric as an int: bounded to it (the kernel's is u32).
      @JsonPropertyDescription("Route metric (priority), 0 to 2147483647; lower wins.")
          @Min(0)
          @Max(2147483647)
          Integer metric) {
    // Field rules sit on the accessors: on a record component the generator would emit them twice
    // (once from the field, once from the accessor).
    @ValidationRule(
        value = Ipv4Rules.IS_IPV4_CIDR,
        message = "must be a subnet with a prefix length, e.g. 10.20.0.0/16")
    @ValidationRule(
        value = Ipv4Rules.SUBNET_HOST_BITS,
        message =
            "a route destination must be a subnet with its host bits zero, e.g."
                + " 10.20.0.0/16 rather than 10.20.1.5/16")
    @ValidationRule(
        value = Ipv4Rules.NOT_DEFAULT_ROUTE,
        message = "the default route (0.0.0.0/0) comes from gateway: set ipv4.gateway instead")
    public String to() {
      return to;
    }

    @ValidationRule(value = Ipv4Rules.IS_IPV4, message = Ipv4.IPV4_MESSAGE)
    @ValidationRule(
        value = Ipv4Rules.UNICAST,
        message =
            "a next hop must be a unicast address: not 0.x.x.x, 127.x.x.x (loopback) or"
                + " 224.0.0.0 and above (multicast and broadcast)")
    public String via() {
      return via;
    }
  }

  /** Resolver settings. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Dns(
      @JsonPropertyDescription("Name servers, e.g. 192.168.1.10 (dns-nameservers in seed 000).")
          @Size(max = 3)
          List<@Size(max = 15) String> nameservers,
      @JsonPropertyDescription("Search domains.") @Size(max = 6)
          List<@Size(max = 253) String> search) {
    // Field rules sit on the accessors: on a record component the generator would emit them twice
    // (once from the field, once from the accessor).
    @ValidationRule(
        value = Ipv4Rules.ALL_IPV4,
        message = "each name server must be an IPv4 address, e.g. 192.168.1.10")
    @ValidationRule(value = Dns.UNIQUE, message = Dns.NAMESERVERS_UNIQUE_MESSAGE)
    public List<String> nameservers() {
      return nameservers;
    }

    @ValidationRule(value = Dns.DOMAIN_NAMES, message = Dns.DOMAIN_MESSAGE)
    @ValidationRule(value = Dns.UNIQUE, message = Dns.SEARCH_UNIQUE_MESSAGE)
    public List<String> search() {
      return search;
    }

    // systemd-resolved keeps a repeated entry once: the list read back would never equal the spec
    static final String UNIQUE = "self.all(a, self.exists_one(b, b == a))";
    static final String NAMESERVERS_UNIQUE_MESSAGE = "each name server may be listed only once";
    static final String SEARCH_UNIQUE_MESSAGE = "each search domain may be listed only once";

    /** Labels of letters, digits, '-' and '_' (1-63 each, no '-' at either end), dot-joined. */
    static final String DOMAIN_NAMES =
        "self.all(d, d.matches('^[A-Za-z0-9_]([-A-Za-z0-9_]{0,61}[A-Za-z0-9_])?"
            + "([.][A-Za-z0-9_]([-A-Za-z0-9_]{0,61}[A-Za-z0-9_])?)*[.]?$'))";

    static final String DOMAIN_MESSAGE =
        "each search domain must be a domain name, e.g. example.com: labels of letters, digits,"
            + " '-' and '_' of at most 63 characters joined by dots, no blanks and no '~'"
            + " (systemd-resolved would refuse it when the agent applies it)";
  }
}
