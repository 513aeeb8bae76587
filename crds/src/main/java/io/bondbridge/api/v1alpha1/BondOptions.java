package io.bondbridge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * Every kernel bonding option, named in camelCase after the kernel's name (miimon, arp_interval →
 * arpInterval, ...). Unset options keep the kernel's default, except that a bond with neither MII
 * nor ARP monitoring gets {@code miimon: 100}: the kernel's default of 0 is a bond that never fails
 * over.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = LinkMonitorRules.ONE_MONITOR,
    message = LinkMonitorRules.ONE_MONITOR_MESSAGE)
@ValidationRule(
    value = LinkMonitorRules.SOME_MONITOR,
    message = LinkMonitorRules.SOME_MONITOR_MESSAGE)
@ValidationRule(
    value = LinkMonitorRules.ARP_NEEDS_TARGETS,
    message = LinkMonitorRules.ARP_NEEDS_TARGETS_MESSAGE)
@ValidationRule(
    value = LinkMonitorRules.TARGETS_NEED_ARP,
    message = LinkMonitorRules.TARGETS_NEED_ARP_MESSAGE)
@ValidationRule(
    value = LinkMonitorRules.DELAYS_NEED_MII,
    message = LinkMonitorRules.DELAYS_NEED_MII_MESSAGE)
@ValidationRule(
    value = LinkMonitorRules.UPDELAY_MULTIPLE,
    message = LinkMonitorRules.UPDELAY_MULTIPLE_MESSAGE)
@ValidationRule(
    value = LinkMonitorRules.DOWNDELAY_MULTIPLE,
    message = LinkMonitorRules.DOWNDELAY_MULTIPLE_MESSAGE)
public record BondOptions(
    @JsonPropertyDescription(
            "MII link monitoring interval in milliseconds (kernel: miimon). Every interval the"
                + " bond checks each port's carrier and fails over when it is lost. 100 is used"
                + " when neither miimon nor arpInterval is set; cannot be combined with"
                + " arpInterval. All modes.")
        @Min(0)
        @Max(2147483647)
        Integer miimon,
    @JsonPropertyDescription(
            "Milliseconds to wait before enabling a port whose link came back (kernel: updelay)."
                + " A multiple of miimon; MII monitoring only. Guards against flapping links.")
        @Min(0)
        @Max(2147483647)
        Integer updelay,
    @JsonPropertyDescription(
            "Milliseconds to wait before disabling a port whose link went down (kernel:"
                + " downdelay). A multiple of miimon; MII monitoring only.")
        @Min(0)
        @Max(2147483647)
        Integer downdelay,
    @JsonPropertyDescription(
            "Milliseconds between each peer notification (gratuitous ARP / unsolicited NA) after a"
                + " failover (kernel: peer_notif_delay). A multiple of the monitor interval.")
        @Min(0)
        @Max(300000)
        Integer peerNotifyDelay,
    @JsonPropertyDescription(
            "Whether MII monitoring reads the carrier state (true, the kernel default) or asks the"
                + " driver with ioctls (false; only for old drivers). Kernel: use_carrier.")
        Boolean useCarrier,
    @JsonPropertyDescription(
            "ARP link monitoring interval in milliseconds (kernel: arp_interval): the bond sends"
                + " ARP requests to arpIpTargets and considers a port up while replies arrive."
                + " Needs arpIpTargets; not with miimon; not in modes 802.3ad, balance-tlb,"
                + " balance-alb.")
        @Min(0)
        @Max(2147483647)
        Integer arpInterval,
    @JsonPropertyDescription(
            "IPv4 addresses the ARP monitor probes (kernel: arp_ip_target), 1 to 16. Pick hosts"
                + " that always answer, such as the default gateway.")
        @Size(min = 1, max = 16)
        List<@Size(max = 15) String> arpIpTargets,
    @JsonPropertyDescription(
            "IPv6 addresses the neighbour-solicitation monitor probes (kernel: ns_ip6_target), up"
                + " to 16. Used with arpInterval.")
        @Size(min = 1, max = 16)
        List<@Size(max = 39) String> nsIp6Targets,
    @JsonPropertyDescription(
            "Whether ARP probes and replies are validated (kernel: arp_validate): none, active,"
                + " backup, all, filter, filter_active or filter_backup.")
        ArpValidate arpValidate,
    @JsonPropertyDescription(
            "With several arpIpTargets, whether any (default) or all of them must answer for a port"
                + " to be up (kernel: arp_all_targets).")
        ArpAllTargets arpAllTargets,
    @JsonPropertyDescription(
            "Number of missed ARP monitor intervals before a port is considered down (kernel:"
                + " arp_missed_max, 1-255, default 2).")
        @Min(1)
        @Max(255)
        Integer arpMissedMax,
    @JsonPropertyDescription(
            "When the primary port comes back, whether it becomes active again: always (default),"
                + " better (if faster), or failure (only if the active port fails). Kernel:"
                + " primary_reselect; modes active-backup, balance-tlb, balance-alb.")
        PrimaryReselect primaryReselect,
    @JsonPropertyDescription(
            "How the bond's MAC address is handled on failover in active-backup (kernel:"
                + " fail_over_mac): none (all ports share the bond's MAC, default), active (the"
                + " bond takes the active port's MAC), follow (the new active port takes the"
                + " bond's MAC). Changing it on a live bond means the bond is emptied first.")
        FailOverMac failOverMac,
    @JsonPropertyDescription(
            "How outgoing traffic is spread over the ports (kernel: xmit_hash_policy): layer2,"
                + " layer2+3, layer3+4, encap2+3, encap3+4, vlan+srcmac. Modes balance-xor,"
                + " 802.3ad, balance-tlb.")
        XmitHashPolicy xmitHashPolicy,
    @JsonPropertyDescription(
            "IGMP membership reports sent after a failover (kernel: resend_igmp, 0-255, default"
                + " 1).")
        @Min(0)
        @Max(255)
        Integer resendIgmp,
    @JsonPropertyDescription(
            "Gratuitous ARPs sent after a failover so switches learn the new port (kernel:"
                + " num_grat_arp, 0-255, default 1).")
        @Min(0)
        @Max(255)
        Integer numGratArp,
    @JsonPropertyDescription(
            "Unsolicited IPv6 neighbour advertisements sent after a failover (kernel: num_unsol_na,"
                + " 0-255, default 1).")
        @Min(0)
        @Max(255)
        Integer numUnsolNa,
    @JsonPropertyDescription(
            "Deliver incoming frames on inactive ports too (kernel: all_slaves_active, default"
                + " false: they are dropped).")
        Boolean allSlavesActive,
    @JsonPropertyDescription(
            "Minimum number of ports that must be up before the bond reports carrier (kernel:"
                + " min_links). 802.3ad only.")
        @Min(0)
        @Max(1024)
        Integer minLinks,
    @JsonPropertyDescription(
            "Seconds between learning packets sent to the peer switch (kernel: lp_interval,"
                + " default 1). balance-tlb and balance-alb.")
        @Min(1)
        @Max(2147483647)
        Integer lpInterval,
    @JsonPropertyDescription(
            "Packets sent through a port before moving to the next (kernel: packets_per_slave,"
                + " 0-65535; 0 picks a random port). balance-rr only.")
        @Min(0)
        @Max(65535)
        Integer packetsPerSlave,
    @JsonPropertyDescription(
            "Whether balance-tlb/balance-alb shuffle flows by load (true, default) or by hash"
                + " (false). Kernel: tlb_dynamic_lb.")
        Boolean tlbDynamicLb,
    @JsonPropertyDescription(
            "How often the LACP partner is asked to send LACPDUs (kernel: lacp_rate): slow (every"
                + " 30 s, default) or fast (every 1 s). 802.3ad only.")
        LacpRate lacpRate,
    @JsonPropertyDescription(
            "Whether the bond sends LACPDUs on its own (true, default) or only answers (false)."
                + " Kernel: lacp_active. 802.3ad only.")
        Boolean lacpActive,
    @JsonPropertyDescription(
            "Which aggregator is chosen (kernel: ad_select): stable (default), bandwidth or count."
                + " 802.3ad only.")
        AdSelect adSelect,
    @JsonPropertyDescription(
            "Upper 10 bits of the LACP port key (kernel: ad_user_port_key, 0-1023). 802.3ad"
                + " only.")
        @Min(0)
        @Max(1023)
        Integer adUserPortKey,
    @JsonPropertyDescription(
            "LACP system priority (kernel: ad_actor_sys_prio, 1-65535, default 65535). 802.3ad"
                + " only.")
        @Min(1)
        @Max(65535)
        Integer adActorSysPrio,
    @JsonPropertyDescription(
            "LACP system id as a MAC address (kernel: ad_actor_system). 802.3ad only.")
        @Size(max = 17)
        String adActorSystem)
    implements BondOptionChoices {
  // Field rules sit on the accessors: on a record component the generator would emit them twice
  // (once from the field, once from the accessor).
  @ValidationRule(
      value = Ipv4Rules.ALL_IPV4,
      message = "each ARP target must be an IPv4 address, e.g. 192.168.1.254")
  @ValidationRule(
      value = Ipv4Rules.ALL_UNICAST,
      message =
          "an ARP target must be a unicast address the bond can reach: not 0.x.x.x,"
              + " 127.x.x.x (loopback) or 224.0.0.0 and above (multicast and broadcast)")
  @ValidationRule(
      value = "self.all(a, self.exists_one(b, b == a))",
      message = "each ARP target may be listed only once")
  public List<String> arpIpTargets() {
    return arpIpTargets;
  }

  @ValidationRule(
      value = "self.all(a, a.matches('" + Patterns.IPV6 + "'))",
      message = "each nsIp6Targets entry must be an IPv6 address, e.g. fd00::1")
  @ValidationRule(
      value =
          "self.all(a, !a.matches('"
              + Patterns.IPV6
              + "') || !(a.lowerAscii().startsWith('ff') || a.matches('^[0:]+$') ||"
              + " a.matches('^[0:]*:0*1$')))",
      message =
          "an nsIp6Targets entry must be a unicast address: not :: (unspecified), ::1"
              + " (loopback) or multicast (ff00::/8)")
  @ValidationRule(
      value = "self.all(a, self.exists_one(b, b == a))",
      message = "each nsIp6Targets entry may be listed only once")
  public List<String> nsIp6Targets() {
    return nsIp6Targets;
  }

  @ValidationRule(value = Patterns.IS_MAC, message = Patterns.MAC_MESSAGE)
  @ValidationRule(
      value = "!" + Patterns.IS_MAC + " || !self.matches('^.[13579bBdDfF]')",
      message =
          "must be a unicast MAC address: the kernel refuses a multicast ad_actor_system"
              + " (its first byte odd, e.g. 01:...); e.g. 02:00:00:00:00:01")
  public String adActorSystem() {
    return adActorSystem;
  }

  /** The monitoring interval the kernel will run: 100 ms when no monitor is chosen (see above). */
  public int effectiveMiimon() {
    if (miimon != null) {
      return miimon;
    }
    return arpInterval != null && arpInterval > 0 ? 0 : DEFAULT_MIIMON;
  }

  public static final int DEFAULT_MIIMON = 100;

  public static BondOptions none() {
    return new BondOptionsBuilder().build();
  }
}
