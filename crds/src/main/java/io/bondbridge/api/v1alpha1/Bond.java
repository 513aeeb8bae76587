package io.bondbridge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** The bond device: its name, mode, ports and kernel options. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.name != 'bonding_masters'",
    message = "bonding_masters is reserved by the kernel (/sys/class/net/bonding_masters)")
@ValidationRule(
    value = "!has(self.primary) || self.mode in ['active-backup', 'balance-tlb', 'balance-alb']",
    message = "primary is only used by modes active-backup, balance-tlb and balance-alb")
@ValidationRule(
    value =
        "!has(self.primary) || self.ports.exists(p, has(p.name) && p.name == self.primary) ||"
            + " self.ports.exists(p, !has(p.name))",
    message = "primary must name one of the bond's ports")
@ValidationRule(
    value =
        "!(self.mode in ['802.3ad', 'balance-tlb', 'balance-alb']) || !has(self.options) ||"
            + " ((!has(self.options.arpInterval) || self.options.arpInterval == 0) &&"
            + " !has(self.options.arpIpTargets))",
    message =
        "ARP monitoring (arpInterval, arpIpTargets) does not work in modes 802.3ad, balance-tlb"
            + " and balance-alb: use miimon")
@ValidationRule(
    value =
        "!(self.mode in ['802.3ad', 'balance-tlb', 'balance-alb']) || !has(self.options) ||"
            + " !(has(self.options.arpValidate) || has(self.options.arpMissedMax) ||"
            + " has(self.options.nsIp6Targets))",
    message =
        "arpValidate, arpMissedMax and nsIp6Targets belong to ARP monitoring, which the kernel"
            + " refuses in modes 802.3ad, balance-tlb and balance-alb: remove them or use another"
            + " mode")
@ValidationRule(
    value = "self.mode == '802.3ad' || !has(self.options) || !has(self.options.lacpRate)",
    message = "lacpRate is an 802.3ad (LACP) option: set mode: 802.3ad or remove it")
@ValidationRule(
    value = "self.mode == '802.3ad' || !has(self.options) || !has(self.options.adSelect)",
    message = "adSelect is an 802.3ad (LACP) option: set mode: 802.3ad or remove it")
@ValidationRule(
    value = "self.mode == '802.3ad' || !has(self.options) || !has(self.options.minLinks)",
    message = "minLinks is an 802.3ad (LACP) option: set mode: 802.3ad or remove it")
@ValidationRule(
    value =
        "self.mode == '802.3ad' || !has(self.options) || !(has(self.options.lacpActive) ||"
            + " has(self.options.adUserPortKey) || has(self.options.adActorSysPrio) ||"
            + " has(self.options.adActorSystem))",
    message =
        "lacpActive, adUserPortKey, adActorSysPrio and adActorSystem are 802.3ad (LACP) options:"
            + " set mode: 802.3ad or remove them")
@ValidationRule(
    value =
        "self.mode in ['balance-xor', '802.3ad', 'balance-tlb'] || !has(self.options) ||"
            + " !has(self.options.xmitHashPolicy)",
    message = "xmitHashPolicy is only used by modes balance-xor, 802.3ad and balance-tlb")
@ValidationRule(
    value = "self.mode == 'balance-rr' || !has(self.options) || !has(self.options.packetsPerSlave)",
    message = "packetsPerSlave is only used by mode balance-rr")
@ValidationRule(
    value = "self.mode == 'active-backup' || !has(self.options) || !has(self.options.failOverMac)",
    message = "failOverMac is only used by mode active-backup")
@ValidationRule(
    value =
        "self.mode in ['active-backup', 'balance-tlb', 'balance-alb'] || !has(self.options) ||"
            + " !has(self.options.primaryReselect)",
    message = "primaryReselect is only used by modes active-backup, balance-tlb and balance-alb")
@ValidationRule(
    value =
        "self.mode in ['balance-tlb', 'balance-alb'] || !has(self.options) ||"
            + " (!has(self.options.tlbDynamicLb) && !has(self.options.lpInterval))",
    message = "tlbDynamicLb and lpInterval are only used by modes balance-tlb and balance-alb")
@ValidationRule(
    value =
        "self.ports.all(p, !has(p.name) || self.ports.exists_one(q, has(q.name) && q.name =="
            + " p.name))",
    message = "each port name may be listed only once")
public record Bond(
    @JsonPropertyDescription(
            "Name of the bond interface, e.g. bond0. At most 15 characters (the kernel's"
                + " IFNAMSIZ), and so must be the VLAN names derived from it (bond0.10).")
        @Required
        @Size(min = 1, max = 15)
        String name,
    @JsonPropertyDescription(
            "Bonding mode: balance-rr (0), active-backup (1, one active port, the others standby),"
                + " balance-xor (2), broadcast (3), 802.3ad (4, LACP; the switch must be"
                + " configured too), balance-tlb (5), balance-alb (6).")
        @Required
        BondMode mode,
    @JsonPropertyDescription(
            "The NICs to enslave. Each entry selects NICs on every node (by name, permanent MAC,"
                + " name pattern or driver); all NICs that match are used. A NIC that is already"
                + " enslaved to another master is refused, never taken over.")
        @Required
        @Size(min = 1, max = 16)
        List<PortSelector> ports,
    @JsonPropertyDescription(
            "The port that is active whenever its link is up (kernel: primary). Only for"
                + " active-backup, balance-tlb and balance-alb; must be one of the ports.")
        @Size(min = 1, max = 15)
        String primary,
    @JsonPropertyDescription("Kernel bonding options; see each field.") BondOptions options,
    @JsonPropertyDescription(
            "MTU of the bond, applied to its ports too (the kernel keeps them equal). Unset: the"
                + " kernel's default (1500).")
        @Min(68)
        @Max(65535)
        Integer mtu) {
  // Field rules sit on the accessors: on a record component the generator would emit them twice
  // (once from the field, once from the accessor).
  @ValidationRule(value = Patterns.IS_IFNAME, message = Patterns.IFNAME_MESSAGE)
  @ValidationRule(value = Patterns.NOT_RESERVED, message = Patterns.RESERVED_MESSAGE)
  public String name() {
    return name;
  }

  @ValidationRule(value = Patterns.IS_IFNAME, message = Patterns.IFNAME_MESSAGE)
  public String primary() {
    return primary;
  }

  /** The options, never null. */
  public BondOptions optionsOrNone() {
    return options == null ? BondOptions.none() : options;
  }
}
