package io.bondbridge.agent.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bondbridge.api.v1alpha1.Bond;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The kernel's bonding options: their sysfs name (what the host reports), their {@code ip link}
 * name (what the agent sets) and the kernel's rules for changing them on a live bond.
 *
 * <p>Values are kept in the form sysfs prints them without the trailing number ("layer3+4", "1",
 * "10.0.0.1 10.0.0.2"), so desired and observed compare as strings.
 */
public enum KernelBondOption {
  MODE("mode", "mode", Change.DOWN_AND_EMPTY, b -> b.mode().kernelName()),
  PRIMARY("primary", "primary", Change.LIVE, Bond::primary),
  MIIMON("miimon", "miimon", Change.LIVE, b -> num(b.optionsOrNone().effectiveMiimon())),
  UPDELAY("updelay", "updelay", Change.LIVE, b -> num(b.optionsOrNone().updelay())),
  DOWNDELAY("downdelay", "downdelay", Change.LIVE, b -> num(b.optionsOrNone().downdelay())),
  PEER_NOTIFY_DELAY(
      "peer_notif_delay",
      "peer_notify_delay",
      Change.LIVE,
      b -> num(b.optionsOrNone().peerNotifyDelay())),
  USE_CARRIER("use_carrier", "use_carrier", Change.LIVE, b -> flag(b.optionsOrNone().useCarrier())),
  ARP_INTERVAL(
      "arp_interval", "arp_interval", Change.LIVE, b -> num(b.optionsOrNone().arpInterval())),
  ARP_IP_TARGET(
      "arp_ip_target", "arp_ip_target", Change.LIVE, b -> list(b.optionsOrNone().arpIpTargets())),
  NS_IP6_TARGET(
      "ns_ip6_target", "ns_ip6_target", Change.LIVE, b -> list(b.optionsOrNone().nsIp6Targets())),
  ARP_VALIDATE(
      "arp_validate", "arp_validate", Change.LIVE, b -> json(b.optionsOrNone().arpValidate())),
  ARP_ALL_TARGETS(
      "arp_all_targets",
      "arp_all_targets",
      Change.LIVE,
      b -> json(b.optionsOrNone().arpAllTargets())),
  ARP_MISSED_MAX(
      "arp_missed_max", "arp_missed_max", Change.LIVE, b -> num(b.optionsOrNone().arpMissedMax())),
  PRIMARY_RESELECT(
      "primary_reselect",
      "primary_reselect",
      Change.LIVE,
      b -> json(b.optionsOrNone().primaryReselect())),
  FAIL_OVER_MAC(
      "fail_over_mac", "fail_over_mac", Change.EMPTY, b -> json(b.optionsOrNone().failOverMac())),
  XMIT_HASH_POLICY(
      "xmit_hash_policy",
      "xmit_hash_policy",
      Change.LIVE,
      b -> json(b.optionsOrNone().xmitHashPolicy())),
  RESEND_IGMP("resend_igmp", "resend_igmp", Change.LIVE, b -> num(b.optionsOrNone().resendIgmp())),
  NUM_GRAT_ARP(
      "num_grat_arp", "num_grat_arp", Change.LIVE, b -> num(b.optionsOrNone().numGratArp())),
  NUM_UNSOL_NA(
      "num_unsol_na", "num_unsol_na", Change.LIVE, b -> num(b.optionsOrNone().numUnsolNa())),
  ALL_SLAVES_ACTIVE(
      "all_slaves_active",
      "all_slaves_active",
      Change.LIVE,
      b -> flag(b.optionsOrNone().allSlavesActive())),
  MIN_LINKS("min_links", "min_links", Change.LIVE, b -> num(b.optionsOrNone().minLinks())),
  LP_INTERVAL("lp_interval", "lp_interval", Change.LIVE, b -> num(b.optionsOrNone().lpInterval())),
  PACKETS_PER_SLAVE(
      "packets_per_slave",
      "packets_per_slave",
      Change.LIVE,
      b -> num(b.optionsOrNone().packetsPerSlave())),
  TLB_DYNAMIC_LB(
      "tlb_dynamic_lb", "tlb_dynamic_lb", Change.DOWN, b -> flag(b.optionsOrNone().tlbDynamicLb())),
  LACP_RATE("lacp_rate", "lacp_rate", Change.DOWN, b -> json(b.optionsOrNone().lacpRate())),
  LACP_ACTIVE(
      "lacp_active",
      "lacp_active",
      Change.LIVE,
      b ->
          b.optionsOrNone().lacpActive() == null
              ? null
              : b.optionsOrNone().lacpActive() ? "on" : "off"),
  AD_SELECT("ad_select", "ad_select", Change.DOWN, b -> json(b.optionsOrNone().adSelect())),
  AD_USER_PORT_KEY(
      "ad_user_port_key",
      "ad_user_port_key",
      Change.DOWN,
      b -> num(b.optionsOrNone().adUserPortKey())),
  AD_ACTOR_SYS_PRIO(
      "ad_actor_sys_prio",
      "ad_actor_sys_prio",
      Change.DOWN,
      b -> num(b.optionsOrNone().adActorSysPrio())),
  AD_ACTOR_SYSTEM(
      "ad_actor_system",
      "ad_actor_system",
      Change.DOWN,
      b -> lower(b.optionsOrNone().adActorSystem()));

  /** What the kernel requires of the bond to change an option (bond_options.c flags). */
  public enum Change {
    LIVE,
    /** BOND_OPTFLAG_IFDOWN: the bond must be down. */
    DOWN,
    /** BOND_OPTFLAG_NOSLAVES: the bond must have no ports. */
    EMPTY,
    /** Both: the bond must be down and empty (mode). */
    DOWN_AND_EMPTY
  }

  private final String sysfsName;
  private final String ipName;
  private final Change change;
  private final Function<Bond, String> desired;

  KernelBondOption(String sysfsName, String ipName, Change change, Function<Bond, String> desired) {
    this.sysfsName = sysfsName;
    this.ipName = ipName;
    this.change = change;
    this.desired = desired;
  }

  public String sysfsName() {
    return sysfsName;
  }

  public String ipName() {
    return ipName;
  }

  public Change change() {
    return change;
  }

  /** The value as {@code ip link} takes it: lists are comma-separated there. */
  public String ipValue(String value) {
    return this == ARP_IP_TARGET || this == NS_IP6_TARGET ? value.replace(' ', ',') : value;
  }

  /**
   * The options this bond asks for, in the order the kernel wants them set (mode first), as sysfs
   * prints them. Options the spec leaves unset are not managed.
   */
  public static Map<KernelBondOption, String> desired(Bond bond) {
    Map<KernelBondOption, String> options = new LinkedHashMap<>();
    for (KernelBondOption option : values()) {
      String value = option.desired.apply(bond);
      if (value != null) {
        options.put(option, value);
      }
    }
    return options;
  }

  private static String num(Integer value) {
    return value == null ? null : String.valueOf(value);
  }

  private static String flag(Boolean value) {
    return value == null ? null : value ? "1" : "0";
  }

  private static String list(List<String> values) {
    return values == null || values.isEmpty() ? null : String.join(" ", values);
  }

  private static String lower(String value) {
    return value == null ? null : value.toLowerCase(java.util.Locale.ROOT);
  }

  /** The kernel name of an API enum constant: its JSON name (e.g. "layer3+4"). */
  private static String json(Enum<?> value) {
    if (value == null) {
      return null;
    }
    try {
      JsonProperty property =
          value.getDeclaringClass().getField(value.name()).getAnnotation(JsonProperty.class);
      return property != null ? property.value() : value.name().toLowerCase(java.util.Locale.ROOT);
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(e);
    }
  }
}
