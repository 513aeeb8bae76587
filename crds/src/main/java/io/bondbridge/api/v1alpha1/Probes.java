package io.bondbridge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * Connectivity checks after a change: a probe that passed before the change must pass again within
 * the timeout, or the node rolls back.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Probes(
    @JsonPropertyDescription(
            "Seconds the node has, after the change, to pass every probe that passed before it."
                + " Default 60.")
        @Default("60")
        @Min(5)
        @Max(600)
        Integer timeoutSeconds,
    @JsonPropertyDescription("Require that the default gateway still answers. Default true.")
        @Default("true")
        Boolean gateway,
    @JsonPropertyDescription(
            "Require that the Kubernetes API server still accepts connections. Default true.")
        @Default("true")
        Boolean apiServer,
    @JsonPropertyDescription("Further hosts that must stay reachable.") @Size(max = 8)
        List<Target> targets) {

  public static Probes defaults() {
    return new Probes(60, true, true, null);
  }

  /** A host to reach: by ping, or by a TCP connection when a port is given. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Target(
      @JsonPropertyDescription("IPv4 address of the host.") @Required @Size(max = 15)
          String address,
      @JsonPropertyDescription("TCP port to connect to; unset: ICMP echo (ping).")
          @Min(1)
          @Max(65535)
          Integer port) {
    // Field rules sit on the accessors: on a record component the generator would emit them twice
    // (once from the field, once from the accessor).
    @ValidationRule(value = Ipv4Rules.IS_IPV4, message = Ipv4.IPV4_MESSAGE)
    public String address() {
      return address;
    }
  }
}
