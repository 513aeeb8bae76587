package io.bondbridge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/** IPv4 configuration of an interface, for all selected nodes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.mode != 'static' || has(self.addresses) || has(self.pool)",
    message = "ipv4.mode static needs addresses (a map of node name to address) or a pool")
@ValidationRule(
    value =
        "self.mode == 'static' || !(has(self.addresses) || has(self.pool) || has(self.gateway) ||"
            + " has(self.routes) || has(self.dns))",
    message = "addresses, pool, gateway, routes and dns are only used with ipv4.mode static")
public record Ipv4(
    @JsonPropertyDescription(
            "inherit: move the addresses and routes the ports carry now (the node IP, the default"
                + " route) onto this interface, and back to the ports on teardown. static:"
                + " addresses per node from addresses or pool, plus gateway and routes. none: no"
                + " address.")
        @Required
        Ipv4Mode mode,
    @JsonPropertyDescription(
            "Static addresses per node: node name to address with prefix length, e.g. node-a:"
                + " 192.168.1.100/24. Takes precedence over pool.")
        @Size(max = 5000)
        Map<String, @Pattern(Patterns.IPV4_CIDR) String> addresses,
    @JsonPropertyDescription(
            "Addresses allocated to nodes that have none in addresses, one per node, stable across"
                + " reconciles.")
        AddressPool pool,
    @JsonPropertyDescription("Default gateway, reached through this interface.")
        @Pattern(Patterns.IPV4)
        String gateway,
    @JsonPropertyDescription("Further routes through this interface.") @Size(max = 64)
        List<Route> routes,
    @JsonPropertyDescription("DNS servers and search domains for the node.") Dns dns) {

  public static Ipv4 inherit() {
    return new Ipv4(Ipv4Mode.INHERIT, null, null, null, null, null);
  }

  public static Ipv4 none() {
    return new Ipv4(Ipv4Mode.NONE, null, null, null, null, null);
  }

  /** An address pool: a subnet and, optionally, the part of it to hand out. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AddressPool(
      @JsonPropertyDescription("The subnet, e.g. 192.168.1.0/24; its prefix length is each node's.")
          @Required
          @Pattern(Patterns.IPV4_CIDR)
          String cidr,
      @JsonPropertyDescription(
              "First and last address to hand out, e.g. 192.168.1.100-192.168.1.199. Default:"
                  + " the whole subnet but its network, broadcast and gateway addresses.")
          @Pattern(Patterns.IPV4_RANGE)
          String range) {}

  /** A route through the interface. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Route(
      @JsonPropertyDescription("Destination subnet, e.g. 10.20.0.0/16.")
          @Required
          @Pattern(Patterns.IPV4_CIDR)
          String to,
      @JsonPropertyDescription("Next hop; unset for an on-link route.") @Pattern(Patterns.IPV4)
          String via,
      @JsonPropertyDescription("Route metric (priority); lower wins.") Integer metric) {}

  /** Resolver settings. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Dns(
      @JsonPropertyDescription("Name servers, e.g. 192.168.1.10 (dns-nameservers in seed 000).")
          @Size(max = 3)
          List<@Pattern(Patterns.IPV4) String> nameservers,
      @JsonPropertyDescription("Search domains.") @Size(max = 6) List<String> search) {}
}
