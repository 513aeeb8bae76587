package io.bondbridge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelector;

/** What a drill asks for. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self == oldSelf",
    message = "a drill's spec cannot change once created: create another BondBridgeDrill")
public record BondBridgeDrillSpec(
    @JsonPropertyDescription("The BondBridge whose bond is drilled, by name.")
        @Required
        @Size(min = 1, max = 63)
        String bondBridge,
    @JsonPropertyDescription(
            "Which of that BondBridge's nodes are drilled: a label selector over the Nodes'"
                + " labels. Empty or unset: all of them. They are drilled one at a time, in the"
                + " order of their names.")
        @SchemaFrom(type = SchemaDocs.NodeSelector.class)
        LabelSelector nodeSelector,
    @JsonPropertyDescription(
            "link (the default): set each port's link down and up again, as a pulled cable."
                + " active: switch the active port to each backup port and back, as ifenslave -c"
                + " (active-backup, balance-tlb and balance-alb only).")
        DrillMethod method) {

  public DrillMethod methodOrDefault() {
    return method == null ? DrillMethod.link : method;
  }
}
