package io.bondbridge.agent.observe;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The raw text read from one host, before any parsing: what {@link HostObserver} collects and
 * {@link HostStateAssembler} turns into a {@link io.bondbridge.agent.host.HostState}. Kept as a
 * value so the whole observation can be replayed from fixtures.
 *
 * @param linkJson output of {@code ip -j -d link show}
 * @param addrJson output of {@code ip -j addr show} (IPv4 and IPv6)
 * @param routeJson output of {@code ip -j route show table all} (IPv4 and IPv6)
 * @param procNetBonding bond name → text of /proc/net/bonding/BOND
 * @param sysfsBonding bond name → (file name → content) of /sys/class/net/BOND/bonding
 * @param drivers link name → kernel driver name, for links that have a device driver
 * @param bridgeVlanJson output of {@code bridge -j vlan show}, or null: it is read only when a
 *     bridge filters by VLAN
 */
public record HostReadings(
    String linkJson,
    String addrJson,
    String routeJson,
    Map<String, String> procNetBonding,
    Map<String, Map<String, String>> sysfsBonding,
    Map<String, String> drivers,
    String bridgeVlanJson) {

  public HostReadings {
    procNetBonding = procNetBonding == null ? Map.of() : Map.copyOf(procNetBonding);
    Map<String, Map<String, String>> sysfs = new LinkedHashMap<>();
    if (sysfsBonding != null) {
      sysfsBonding.forEach((bond, files) -> sysfs.put(bond, Map.copyOf(files)));
    }
    sysfsBonding = Map.copyOf(sysfs);
    drivers = drivers == null ? Map.of() : Map.copyOf(drivers);
  }

  /** Readings of a host without VLAN-filtering bridges. */
  public HostReadings(
      String linkJson,
      String addrJson,
      String routeJson,
      Map<String, String> procNetBonding,
      Map<String, Map<String, String>> sysfsBonding,
      Map<String, String> drivers) {
    this(linkJson, addrJson, routeJson, procNetBonding, sysfsBonding, drivers, null);
  }
}
