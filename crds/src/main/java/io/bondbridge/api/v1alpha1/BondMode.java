package io.bondbridge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The kernel's bonding modes, by the names {@code ip link} and sysfs use. */
public enum BondMode {
  @JsonProperty("balance-rr")
  BALANCE_RR("balance-rr", 0),
  @JsonProperty("active-backup")
  ACTIVE_BACKUP("active-backup", 1),
  @JsonProperty("balance-xor")
  BALANCE_XOR("balance-xor", 2),
  @JsonProperty("broadcast")
  BROADCAST("broadcast", 3),
  @JsonProperty("802.3ad")
  IEEE_802_3AD("802.3ad", 4),
  @JsonProperty("balance-tlb")
  BALANCE_TLB("balance-tlb", 5),
  @JsonProperty("balance-alb")
  BALANCE_ALB("balance-alb", 6);

  private final String kernelName;
  private final int number;

  BondMode(String kernelName, int number) {
    this.kernelName = kernelName;
    this.number = number;
  }

  /** The name the kernel prints in {@code /sys/class/net/<bond>/bonding/mode}. */
  public String kernelName() {
    return kernelName;
  }

  /** The number the seeds' {@code bond-mode 1} / {@code mode=1} use. */
  public int number() {
    return number;
  }

  @Override
  public String toString() {
    return kernelName;
  }
}
