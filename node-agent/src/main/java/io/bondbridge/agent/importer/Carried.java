package io.bondbridge.agent.importer;

import io.bondbridge.agent.importer.Stanzas.Option;
import io.bondbridge.agent.importer.Stanzas.Stanza;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What an import carried and what it did not: the options it took, the stanzas it imported, and a
 * note, with where and why, for each option of those stanzas it left out. Never drops one silently.
 */
final class Carried {
  private final List<String> notCarried = new ArrayList<>();
  private final Set<Option> used = new LinkedHashSet<>();
  private final Set<String> imported = new LinkedHashSet<>();

  /** A stanza taken into the BondBridge: its options not taken are named. */
  void stanza(String name) {
    imported.add(name);
  }

  /** An option carried by another one (network and broadcast, by address and netmask). */
  void implied(Option option) {
    used.add(option);
  }

  /** A note of something left out that is not one option. */
  void note(String note) {
    notCarried.add(note);
  }

  /** The value of the first of {@code keys} in the stanza, marked as carried. */
  Optional<String> take(Stanza s, String... keys) {
    for (Option o : s.options()) {
      for (String key : keys) {
        if (o.key().equals(key)) {
          used.add(o);
          return Optional.of(o.value());
        }
      }
    }
    return Optional.empty();
  }

  /** The notes, then every option of an imported stanza that was not taken, with why. */
  List<String> notes(List<Stanza> stanzas) {
    List<String> notes = new ArrayList<>(notCarried);
    for (Stanza s : stanzas) {
      for (Option o : s.options()) {
        if (!used.contains(o) && imported.contains(s.name())) {
          notes.add(o.where() + ": " + s.name() + ": " + o.key() + " " + o.value() + ": " + why(o));
        }
      }
    }
    return notes;
  }

  private static String why(Option o) {
    return switch (o.key()) {
      case "pre-up", "up", "post-up", "down", "pre-down", "post-down" ->
          "not carried: a command ifupdown ran around the stanza; BondBridge orders its steps"
              + " itself and runs no command of yours";
      case "dns-nameservers", "dns-search", "dns-domain", "DNS1", "DNS2", "DNS3", "DOMAIN" ->
          "not carried: the host's resolver keeps it; ipv4.dns sets it per link through"
              + " systemd-resolved, add it there if the host runs that";
      case "ipv4.dns", "ipv4.dns-search", "ipv6.dns", "ipv6.dns-search" ->
          "not carried: ipv4.dns is for a static ipv4 (with DHCP the server's DNS is taken)";
      case "ethernet.mac-address", "ethernet.cloned-mac-address" ->
          "not carried: BondBridge leaves MAC addresses to the kernel (the bond takes its first"
              + " port's)";
      case "nameservers.addresses", "nameservers.search" ->
          "not carried: ipv4.dns is for a static ipv4 (with dhcp the server's DNS is taken)";
      case "renderer" ->
          "not carried: the agent renders the devices itself (with NetworkManager as the"
              + " renderer, hand the devices over first)";
      case "optional" -> "not carried: BondBridge waits for what it manages by probing";
      case "hwaddress", "HWADDR", "MACADDR", "macaddress", "match.macaddress" ->
          "not carried: BondBridge leaves MAC addresses to the kernel (the bond takes its first"
              + " port's)";
      case "ONBOOT" -> "not carried: the agent brings up what it manages, at every boot";
      case "USERCTL" -> "not carried: the agent brings the devices up, not a user's ifup";
      case "NAME", "UUID" ->
          "not carried: a NetworkManager profile's identity; BondBridge goes by device names";
      case "bridge_maxwait", "bridge_waitport" ->
          "not carried: BondBridge waits by probing, not by a timer";
      default ->
          o.key().startsWith("arp_") || o.key().startsWith("mode") || o.key().equals("primary")
              ? "not carried: not an ifenslave keyword (bond-"
                  + o.key().replace('_', '-')
                  + "), so ifupdown ignored it too"
              : "not carried: BondBridge has no such setting";
    };
  }
}
