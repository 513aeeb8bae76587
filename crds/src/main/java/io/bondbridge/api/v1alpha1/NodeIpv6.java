package io.bondbridge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** {@link Ipv6} resolved for one node: the one address it gets, no map, no pool. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeIpv6(
    @JsonPropertyDescription("inherit, static, auto or none; see BondBridge spec.ipv6.mode.")
        @Required
        Ipv6Mode mode,
    @JsonPropertyDescription("This node's address with prefix length (static mode).")
        @Size(max = 43)
        String address,
    @JsonPropertyDescription("Default gateway (static mode).") @Size(max = 39) String gateway,
    @JsonPropertyDescription("Further routes (static mode).") @Size(max = 64)
        List<Ipv6.Route> routes) {
  // Field rules sit on the accessors: on a record component the generator would emit them twice
  // (once from the field, once from the accessor).
  @ValidationRule(value = Ipv6Rules.IS_IPV6_CIDR, message = Ipv6.CIDR_ADDRESS_MESSAGE)
  @ValidationRule(value = Ipv6Rules.ADDRESS_PREFIX_NOT_ZERO, message = Ipv6.PREFIX_MESSAGE)
  @ValidationRule(value = Ipv6Rules.ADDRESS_UNICAST, message = Ipv6.UNICAST_MESSAGE)
  public String address() {
    return address;
  }

  @ValidationRule(value = Ipv6Rules.IS_IPV6, message = Ipv6.IPV6_MESSAGE)
  @ValidationRule(value = Ipv6Rules.UNICAST, message = Ipv6.GATEWAY_UNICAST_MESSAGE)
  public String gateway() {
    return gateway;
  }

  @ValidationRule(value = Ipv4.ROUTES_UNIQUE, message = Ipv4.ROUTES_UNIQUE_MESSAGE)
  public List<Ipv6.Route> routes() {
    return routes;
  }

  public static NodeIpv6 inherit() {
    return new NodeIpv6(Ipv6Mode.INHERIT, null, null, null);
  }

  public static NodeIpv6 none() {
    return new NodeIpv6(Ipv6Mode.NONE, null, null, null);
  }
}
