package io.bondbridge.agent.plan;

import io.bondbridge.agent.host.BondState;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Link;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one device BondBridge replaces although it did not make it: the {@code bond0} that loading
 * the bonding module without {@code max_bonds=0} creates — down, balance-rr, no ports, no master,
 * no addresses, no alias, every option as the module sets it. Nobody has used that one yet, and
 * recreating it is the only way to give it another mode. A bond that differs in anything (another
 * name, up, a port, an option set by hand) was made or touched by someone, so it is not ours.
 */
final class ModuleBond0 {
  static final String NAME = "bond0";

  /**
   * The options of that bond0 as sysfs prints them (without the mode numbers), captured on kernel
   * 6.1 after {@code modprobe bonding max_bonds=1} (test fixture module-bond0-sysfs.txt). Options a
   * kernel does not have, or does not show in this mode (the ad_* actor values), and the ones that
   * only report state (active_slave, mii_status, slaves, queue_id) are not compared.
   */
  private static final Map<String, String> OPTIONS = options();

  private ModuleBond0() {}

  /** How {@code link} differs from the module's bond0; empty when it is that bond0. */
  static List<String> differences(Link link, HostState host) {
    List<String> differences = new ArrayList<>();
    String name = link.name();
    if (!NAME.equals(name)) {
      differences.add("it is named " + name + ", not " + NAME);
    }
    if (!link.isBond()) {
      differences.add("it is a " + (link.kind() == null ? "NIC" : link.kind()) + ", not a bond");
      return differences;
    }
    if (link.alias() != null) {
      differences.add("it has the alias '" + link.alias() + "'");
    }
    if (link.adminUp()) {
      differences.add("it is up");
    }
    if (link.master() != null) {
      differences.add("it is enslaved to " + link.master());
    }
    List<String> ports = host.portsOf(name).stream().map(Link::name).toList();
    if (!ports.isEmpty()) {
      differences.add("it has ports " + String.join(", ", ports));
    }
    List<String> vlans = host.vlansOn(name).stream().map(Link::name).toList();
    if (!vlans.isEmpty()) {
      differences.add("it has VLANs " + String.join(", ", vlans));
    }
    List<String> addresses = host.addressesOn(name).stream().map(a -> a.cidr()).toList();
    if (!addresses.isEmpty()) {
      differences.add("it has addresses " + String.join(", ", addresses));
    }
    if (link.mtu() != 1500) {
      differences.add("MTU " + link.mtu() + " (the module's is 1500)");
    }
    Map<String, String> observed = host.bond(name).map(BondState::options).orElse(Map.of());
    OPTIONS.forEach(
        (option, value) -> {
          String current = observed.get(option);
          if (current != null && !current.trim().equals(value)) {
            differences.add(
                option
                    + " "
                    + current.trim()
                    + (value.isEmpty()
                        ? " (the module leaves it unset)"
                        : " (the module's is " + value + ")"));
          }
        });
    return differences;
  }

  private static Map<String, String> options() {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("mode", "balance-rr");
    options.put("miimon", "0");
    options.put("updelay", "0");
    options.put("downdelay", "0");
    options.put("peer_notif_delay", "0");
    options.put("use_carrier", "1");
    options.put("arp_interval", "0");
    options.put("arp_ip_target", "");
    options.put("arp_validate", "none");
    options.put("arp_all_targets", "any");
    options.put("arp_missed_max", "2");
    options.put("primary", "");
    options.put("primary_reselect", "always");
    options.put("fail_over_mac", "none");
    options.put("xmit_hash_policy", "layer2");
    options.put("resend_igmp", "1");
    options.put("num_grat_arp", "1");
    options.put("num_unsol_na", "1");
    options.put("all_slaves_active", "0");
    options.put("min_links", "0");
    options.put("lp_interval", "1");
    options.put("packets_per_slave", "1");
    options.put("tlb_dynamic_lb", "1");
    options.put("lacp_rate", "slow");
    options.put("lacp_active", "on");
    options.put("ad_select", "stable");
    return Collections.unmodifiableMap(options); // in this order in messages
  }
}
