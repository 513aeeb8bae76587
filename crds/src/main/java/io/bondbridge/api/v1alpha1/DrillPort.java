package io.bondbridge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;

/**
 * What failing one port did (seed 001's procedure: pull it, watch the bond, plug it back), as the
 * drill measured it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DrillPort(
    @JsonPropertyDescription("The port, e.g. eth0.") String port,
    @JsonPropertyDescription("Whether it was the bond's active port when it was failed.")
        boolean wasActive,
    @JsonPropertyDescription("The active port once it had failed; absent where the mode has none.")
        String activeAfter,
    @JsonPropertyDescription(
            "Milliseconds from failing it until the bond reported it down and, if it was active,"
                + " another port active; absent if the bond did not within 10 s.")
        @Min(0)
        Long failoverMillis,
    @JsonPropertyDescription(
            "The gateway's echo requests (one every 10 ms) lost until it was back.")
        @Min(0)
        int lost,
    @JsonPropertyDescription("The longest wait for an echo reply meanwhile, in milliseconds.")
        @Min(0)
        long longestSilenceMillis,
    @JsonPropertyDescription(
            "Milliseconds from putting it back until every port of the bond was up again; absent"
                + " if not within 10 s.")
        @Min(0)
        Long restoreMillis,
    @JsonPropertyDescription("Echo requests lost from putting it back until the bond was whole.")
        @Min(0)
        int restoreLost) {

  /** Whether the bond took it out and back in as it should. */
  @JsonIgnore
  public boolean ok() {
    return failoverMillis != null && restoreMillis != null;
  }
}
