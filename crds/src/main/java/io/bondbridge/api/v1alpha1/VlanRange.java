package io.bondbridge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** One VLAN id, or a range of them ({@code id} to {@code to}), of a VLAN-filtering bridge. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.to) || self.to >= self.id",
    message = "a VLAN range goes from the lower id to the higher: e.g. id: 20, to: 29")
public record VlanRange(
    @JsonPropertyDescription("The VLAN id, 1-4094; the first of the range when to is set.")
        @Required
        @Min(1)
        @Max(4094)
        Integer id,
    @JsonPropertyDescription("The last VLAN id of a range, 1-4094. Unset: the one VLAN id.")
        @Min(1)
        @Max(4094)
        Integer to) {

  public static VlanRange of(int id) {
    return new VlanRange(id, null);
  }

  public static VlanRange of(int first, int last) {
    return new VlanRange(first, last);
  }

  public int first() {
    return id;
  }

  public int last() {
    return to == null ? id : to;
  }

  /**
   * CEL, on a list of ranges: each overlaps only itself. A reversed range holds no id (its own rule
   * reports it), so it overlaps nothing and is left out here.
   */
  static final String NO_OVERLAP =
      "self.all(a, (has(a.to) && a.to < a.id) || self.exists_one(b, (!has(b.to) || b.to >= b.id)"
          + " && b.id <= (has(a.to) ? a.to : a.id) && a.id <= (has(b.to) ? b.to : b.id)))";
}
