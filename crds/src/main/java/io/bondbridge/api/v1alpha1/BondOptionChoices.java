package io.bondbridge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The named values some bonding options take, each spelled as the kernel spells it. Members of
 * {@link BondOptions} through this interface, so they stay {@code BondOptions.LacpRate} and so on.
 */
public interface BondOptionChoices {
  enum ArpValidate {
    @JsonProperty("none")
    NONE,
    @JsonProperty("active")
    ACTIVE,
    @JsonProperty("backup")
    BACKUP,
    @JsonProperty("all")
    ALL,
    @JsonProperty("filter")
    FILTER,
    @JsonProperty("filter_active")
    FILTER_ACTIVE,
    @JsonProperty("filter_backup")
    FILTER_BACKUP
  }

  enum ArpAllTargets {
    @JsonProperty("any")
    ANY,
    @JsonProperty("all")
    ALL
  }

  enum PrimaryReselect {
    @JsonProperty("always")
    ALWAYS,
    @JsonProperty("better")
    BETTER,
    @JsonProperty("failure")
    FAILURE
  }

  enum FailOverMac {
    @JsonProperty("none")
    NONE,
    @JsonProperty("active")
    ACTIVE,
    @JsonProperty("follow")
    FOLLOW
  }

  enum XmitHashPolicy {
    @JsonProperty("layer2")
    LAYER2,
    @JsonProperty("layer2+3")
    LAYER2_3,
    @JsonProperty("layer3+4")
    LAYER3_4,
    @JsonProperty("encap2+3")
    ENCAP2_3,
    @JsonProperty("encap3+4")
    ENCAP3_4,
    @JsonProperty("vlan+srcmac")
    VLAN_SRCMAC
  }

  enum LacpRate {
    @JsonProperty("slow")
    SLOW,
    @JsonProperty("fast")
    FAST
  }

  enum AdSelect {
    @JsonProperty("stable")
    STABLE,
    @JsonProperty("bandwidth")
    BANDWIDTH,
    @JsonProperty("count")
    COUNT
  }
}
