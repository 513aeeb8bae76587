package io.bondbridge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Selects NICs on every node; all NICs that match every given criterion become ports. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.name) || has(self.macAddress) || has(self.namePattern) || has(self.driver)",
    message = "a port selector needs one of name, macAddress, namePattern or driver")
@ValidationRule(
    value = "!(has(self.name) && has(self.namePattern))",
    message = "a port selector takes name or namePattern, not both")
public record PortSelector(
    @JsonPropertyDescription("Exact interface name of the NIC, e.g. eth0 or enp3s0f0.")
        @Size(min = 1, max = 15)
        String name,
    @JsonPropertyDescription(
            "Permanent MAC address of the NIC (the ifcfg HWADDR= way), e.g. 00:15:17:aa:bb:cc."
                + " Survives renames; matched against the permanent address, since a bond"
                + " rewrites the current one.")
        @Size(max = 17)
        String macAddress,
    @JsonPropertyDescription(
            "Shell-style glob over interface names (* ? [abc]), e.g. enp*s0f*, for nodes whose"
                + " NICs are named differently. Every NIC that matches is used.")
        @Size(min = 1, max = 64)
        String namePattern,
    @JsonPropertyDescription(
            "Kernel driver of the NIC as in /sys/class/net/<nic>/device/driver, e.g. e1000e or"
                + " ixgbe.")
        @Size(min = 1, max = 32)
        String driver) {
  // Field rules sit on the accessors: on a record component the generator would emit them twice
  // (once from the field, once from the accessor).
  @ValidationRule(value = Patterns.IS_IFNAME, message = Patterns.IFNAME_MESSAGE)
  public String name() {
    return name;
  }

  @ValidationRule(value = Patterns.IS_MAC, message = Patterns.MAC_MESSAGE)
  public String macAddress() {
    return macAddress;
  }

  @ValidationRule(
      value = "self.matches('" + Patterns.GLOB + "')",
      message =
          "must be a shell glob over interface names: letters, digits, '-', '_', '.', '*',"
              + " '?', '!' and closed bracket groups such as [0-9] or [!ab], e.g. enp*s0f*")
  public String namePattern() {
    return namePattern;
  }

  @ValidationRule(
      value = "self.matches('" + Patterns.DRIVER + "')",
      message = "must be a kernel driver name: letters, digits, '-', '_' and '.', e.g. e1000e")
  public String driver() {
    return driver;
  }

  public static PortSelector byName(String name) {
    return new PortSelector(name, null, null, null);
  }
}
