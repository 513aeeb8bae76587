package io.bondbridge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * One node's failover drill: in a BondBridgeNode's status as its agent reports it (with the drill's
 * name and uid), and in the BondBridgeDrill's status as the operator gathered it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeDrill(
    @JsonPropertyDescription("The node.") String node,
    @JsonPropertyDescription(
            "The BondBridgeDrill that asked for it (in a BondBridgeNode's status).")
        String drill,
    @JsonPropertyDescription("That BondBridgeDrill's metadata.uid (in a BondBridgeNode's status).")
        String uid,
    @JsonPropertyDescription("link or active: how each port was failed.") DrillMethod method,
    @JsonPropertyDescription(
            "Pending, Running, Succeeded, Failed, Refused (the agent would not start it) or"
                + " Skipped (not handed to the agent).")
        DrillPhase phase,
    @JsonPropertyDescription("Why it was refused, skipped or failed; what it found otherwise.")
        String message,
    @JsonPropertyDescription("The gateway pinged every 10 ms throughout.") String gateway,
    @JsonPropertyDescription(
            "The probe targets besides (spec.probes.targets): pinged every 10 ms too, or"
                + " (address:port) connected to before the drill and before each port.")
        @Size(max = 16)
        List<String> targets,
    @JsonPropertyDescription("When the agent started it (RFC 3339).") String startedAt,
    @JsonPropertyDescription("When it ended (RFC 3339).") String finishedAt,
    @JsonPropertyDescription("Each port's failover, in the order drilled.") @Size(max = 64)
        List<DrillPort> ports) {

  /** This result as one node's entry of a drill's status, without the request's name and uid. */
  public NodeDrill forDrillStatus(String node) {
    return new NodeDrill(
        node, null, null, method, phase, message, gateway, targets, startedAt, finishedAt, ports);
  }

  /** A node's drill that has not started (or will not): no figures. */
  public static NodeDrill of(String node, DrillPhase phase, String message) {
    return new NodeDrill(node, null, null, null, phase, message, null, null, null, null, null);
  }
}
