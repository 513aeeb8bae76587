package io.bondbridge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/** {@link Ipv4} resolved for one node: the one address it gets, no map, no pool. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeIpv4(
    @JsonPropertyDescription("inherit, static or none; see BondBridge spec.ipv4.mode.") @Required
        Ipv4Mode mode,
    @JsonPropertyDescription("This node's address with prefix length (static mode).")
        @Pattern(Patterns.IPV4_CIDR)
        String address,
    @JsonPropertyDescription("Default gateway (static mode).") @Pattern(Patterns.IPV4)
        String gateway,
    @JsonPropertyDescription("Further routes (static mode).") List<Ipv4.Route> routes,
    @JsonPropertyDescription("Resolver settings (static mode).") Ipv4.Dns dns) {

  public static NodeIpv4 inherit() {
    return new NodeIpv4(Ipv4Mode.INHERIT, null, null, null, null);
  }

  public static NodeIpv4 none() {
    return new NodeIpv4(Ipv4Mode.NONE, null, null, null, null);
  }
}
