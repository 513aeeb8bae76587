package io.bondbridge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.IntOrString;

/** How fast a change reaches the selected nodes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "!has(self.maxUnavailable) || (type(self.maxUnavailable) == int ? self.maxUnavailable >= 1"
            + " : self.maxUnavailable.matches('^([1-9][0-9]?|100)%$'))",
    message =
        "maxUnavailable must be a whole number of at least 1, or a percentage from 1% to 100%")
@ValidationRule(
    value =
        "!has(self.maxUnavailable) || type(self.maxUnavailable) != int || self.maxUnavailable <="
            + " 100000",
    message =
        "maxUnavailable as a number must be at most 100000 (more nodes than a cluster has); use a"
            + " percentage such as 100% for all nodes at once")
public record Rollout(
    @JsonPropertyDescription(
            "How many nodes may be applying or failed at once: a number (at least 1) or a"
                + " percentage of the selected nodes (rounded up, at least 1). Default 10%.")
        @Default("10%")
        IntOrString maxUnavailable) {

  public static final String DEFAULT_MAX_UNAVAILABLE = "10%";
}
