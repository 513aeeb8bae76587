package io.bondbridge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** {@link Ipv4} resolved for one node: the one address it gets, no map, no pool. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = Ipv4Rules.NODE_GATEWAY_IN_SUBNET, message = Ipv4.GATEWAY_IN_SUBNET_MESSAGE)
@ValidationRule(
    value =
        "self.mode != 'dhcp' || !(has(self.address) || has(self.gateway) || has(self.routes) ||"
            + " has(self.dns))",
    message = NodeIpv4.DHCP_ALONE_MESSAGE)
public record NodeIpv4(
    @JsonPropertyDescription("inherit, static, dhcp or none; see BondBridge spec.ipv4.mode.")
        @Required
        Ipv4Mode mode,
    @JsonPropertyDescription("This node's address with prefix length (static mode).")
        @Size(max = 18)
        String address,
    @JsonPropertyDescription("Default gateway (static mode).") @Size(max = 15) String gateway,
    @JsonPropertyDescription("Further routes (static mode).") @Size(max = 64)
        List<Ipv4.Route> routes,
    @JsonPropertyDescription("Resolver settings (static mode).") Ipv4.Dns dns) {
  // Field rules sit on the accessors: on a record component the generator would emit them twice
  // (once from the field, once from the accessor).
  @ValidationRule(value = Ipv4Rules.IS_IPV4_CIDR, message = Ipv4.CIDR_ADDRESS_MESSAGE)
  @ValidationRule(value = Ipv4Rules.ADDRESS_PREFIX_NOT_ZERO, message = Ipv4.PREFIX_MESSAGE)
  @ValidationRule(value = Ipv4Rules.ADDRESS_HOST, message = Ipv4.HOST_MESSAGE)
  @ValidationRule(value = Ipv4Rules.ADDRESS_UNICAST, message = Ipv4.UNICAST_MESSAGE)
  public String address() {
    return address;
  }

  @ValidationRule(value = Ipv4Rules.IS_IPV4, message = Ipv4.IPV4_MESSAGE)
  @ValidationRule(value = Ipv4Rules.UNICAST, message = Ipv4.GATEWAY_UNICAST_MESSAGE)
  public String gateway() {
    return gateway;
  }

  @ValidationRule(value = Ipv4.ROUTES_UNIQUE, message = Ipv4.ROUTES_UNIQUE_MESSAGE)
  public List<Ipv4.Route> routes() {
    return routes;
  }

  public static NodeIpv4 inherit() {
    return new NodeIpv4(Ipv4Mode.INHERIT, null, null, null, null);
  }

  static final String DHCP_ALONE_MESSAGE =
      "with ipv4.mode dhcp the address and the gateway come from the DHCP lease: address, gateway,"
          + " routes and dns are only used with ipv4.mode static";

  public static NodeIpv4 dhcp() {
    return new NodeIpv4(Ipv4Mode.DHCP, null, null, null, null);
  }

  public static NodeIpv4 none() {
    return new NodeIpv4(Ipv4Mode.NONE, null, null, null, null);
  }
}
