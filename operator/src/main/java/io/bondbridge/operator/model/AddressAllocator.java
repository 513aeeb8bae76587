package io.bondbridge.operator.model;

import io.bondbridge.api.v1alpha1.BondBridgeSpec;
import io.bondbridge.api.v1alpha1.Ipv4;
import io.bondbridge.api.v1alpha1.Ipv4Mode;
import io.bondbridge.api.v1alpha1.NodeResolution;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Chooses each node's static IPv4 addresses: from the per-node map when the node is in it, else
 * from the pool. Stable: an address a node already has (read back from its existing BondBridgeNode,
 * so it survives operator restarts) stays with it while it still fits the pool. Never two nodes
 * with one address: mapped addresses, the gateway and addresses still held by nodes that are
 * leaving are never handed out. A node for which no address is left gets none, and the reason.
 */
public final class AddressAllocator {
  private AddressAllocator() {}

  /**
   * @param addresses node → slot → address chosen
   * @param problems node → why it got no address (pool exhausted, not in the map)
   */
  public record Allocation(
      Map<String, Map<String, String>> addresses, Map<String, String> problems) {
    public Map<String, String> of(String node) {
      return addresses.getOrDefault(node, Map.of());
    }
  }

  /**
   * @param nodes the nodes that get a spec, in any order (allocation goes by name)
   * @param existing node → slot → address, from every existing BondBridgeNode of this BondBridge
   *     (including nodes that are leaving: their addresses stay reserved until they are gone)
   */
  public static Allocation allocate(
      BondBridgeSpec spec, Collection<String> nodes, Map<String, Map<String, String>> existing) {
    Map<String, Ipv4> slots = NodeResolution.slots(spec);
    List<String> sorted = nodes.stream().sorted().distinct().toList();
    Map<String, Map<String, String>> result = new TreeMap<>();
    Map<String, String> problems = new TreeMap<>();
    Map<String, Ipv4> statics = new LinkedHashMap<>();
    slots.forEach(
        (slot, ipv4) -> {
          if (ipv4.mode() == Ipv4Mode.STATIC) {
            statics.put(slot, ipv4);
          }
        });
    refuseDuplicates(statics, sorted, existing, problems);
    // a mapped address is never handed out from a pool, in any slot
    Set<Long> mapped = new HashSet<>();
    statics
        .values()
        .forEach(
            ipv4 -> mappedOf(ipv4).values().forEach(a -> mapped.add(Ipv4Address.parse(a).ip())));
    for (Map.Entry<String, Ipv4> slot : statics.entrySet()) {
      allocateSlot(slot.getKey(), slot.getValue(), sorted, existing, mapped, result, problems);
    }
    problems.keySet().forEach(result::remove);
    return new Allocation(result, problems);
  }

  private static void allocateSlot(
      String slot,
      Ipv4 ipv4,
      List<String> nodes,
      Map<String, Map<String, String>> existing,
      Set<Long> mappedAnywhere,
      Map<String, Map<String, String>> result,
      Map<String, String> problems) {
    Map<String, String> mapped = mappedOf(ipv4);
    Set<Long> taken = new HashSet<>(mappedAnywhere);
    if (ipv4.gateway() != null) {
      taken.add(Ipv4Address.parseIp(ipv4.gateway()));
    }
    Set<String> receiving = new HashSet<>(nodes);
    existing.forEach(
        (node, bySlot) -> {
          String held = bySlot.get(slot);
          if (held != null && !receiving.contains(node)) {
            taken.add(Ipv4Address.parse(held).ip());
          }
        });

    List<String> fromPool = nodes.stream().filter(n -> !mapped.containsKey(n)).toList();
    for (String node : nodes) {
      if (mapped.containsKey(node)) {
        result.computeIfAbsent(node, n -> new TreeMap<>()).put(slot, mapped.get(node));
      }
    }
    if (fromPool.isEmpty()) {
      return;
    }
    if (ipv4.pool() == null) {
      fromPool.forEach(
          n ->
              problems.putIfAbsent(
                  n, "NoAddress: " + slot + " has no address for this node and no pool"));
      return;
    }
    Pool pool = Pool.of(ipv4.pool());
    Map<String, Long> chosen = new LinkedHashMap<>();
    for (String node : fromPool) {
      String held = existing.getOrDefault(node, Map.of()).get(slot);
      if (held == null) {
        continue;
      }
      Ipv4Address address = Ipv4Address.parse(held);
      if (address.prefix() == pool.prefix()
          && pool.contains(address.ip())
          && taken.add(address.ip())) {
        chosen.put(node, address.ip());
      }
    }
    long next = pool.first();
    for (String node : fromPool) {
      if (chosen.containsKey(node)) {
        continue;
      }
      while (next <= pool.last() && taken.contains(next)) {
        next++;
      }
      if (next > pool.last()) {
        problems.putIfAbsent(
            node,
            "AddressPoolExhausted: no free address left in " + ipv4.pool().cidr() + " for " + slot);
        continue;
      }
      taken.add(next);
      chosen.put(node, next);
    }
    chosen.forEach(
        (node, ip) ->
            result
                .computeIfAbsent(node, n -> new TreeMap<>())
                .put(slot, Ipv4Address.format(ip) + "/" + pool.prefix()));
  }

  private static Map<String, String> mappedOf(Ipv4 ipv4) {
    return ipv4.addresses() == null ? Map.of() : ipv4.addresses();
  }

  /**
   * One address for two nodes is refused, whichever slots give it: a node mapped to an address
   * another node's BondBridgeNode still has waits until that one lets it go (a pool node whose
   * address was mapped to another is moved first); of two nodes mapped to one address that neither
   * has yet, neither gets it.
   */
  private static void refuseDuplicates(
      Map<String, Ipv4> statics,
      List<String> nodes,
      Map<String, Map<String, String>> existing,
      Map<String, String> problems) {
    Map<Long, Set<String>> mappedTo = new HashMap<>();
    statics
        .values()
        .forEach(
            ipv4 ->
                mappedOf(ipv4)
                    .forEach(
                        (node, a) ->
                            mappedTo
                                .computeIfAbsent(Ipv4Address.parse(a).ip(), ip -> new TreeSet<>())
                                .add(node)));
    Map<Long, Set<String>> heldBy = new HashMap<>();
    existing.forEach(
        (node, bySlot) ->
            bySlot
                .values()
                .forEach(
                    a ->
                        heldBy
                            .computeIfAbsent(Ipv4Address.parse(a).ip(), ip -> new TreeSet<>())
                            .add(node)));
    for (Map.Entry<String, Ipv4> slot : statics.entrySet()) {
      for (Map.Entry<String, String> entry : mappedOf(slot.getValue()).entrySet()) {
        String node = entry.getKey();
        if (!nodes.contains(node)) {
          continue;
        }
        long ip = Ipv4Address.parse(entry.getValue()).ip();
        Set<String> holders = new TreeSet<>(heldBy.getOrDefault(ip, Set.of()));
        boolean holds = holders.remove(node);
        Set<String> others = new TreeSet<>(mappedTo.get(ip));
        others.remove(node);
        String address = Ipv4Address.format(ip) + " (" + slot.getKey() + ")";
        if (!holders.isEmpty()) {
          problems.putIfAbsent(
              node,
              "DuplicateAddress: "
                  + address
                  + " is given to node "
                  + node
                  + ", but node "
                  + String.join(", ", holders)
                  + " still has it");
        } else if (!others.isEmpty() && !holds) {
          problems.putIfAbsent(
              node,
              "DuplicateAddress: "
                  + address
                  + " is given to nodes "
                  + node
                  + " and "
                  + String.join(", ", others)
                  + "; no node gets it");
        }
      }
    }
  }

  /** An address with its prefix length, e.g. 192.168.1.100/24, as a number. */
  record Ipv4Address(long ip, int prefix) {
    static Ipv4Address parse(String cidr) {
      int slash = cidr.indexOf('/');
      if (slash < 0) {
        return new Ipv4Address(parseIp(cidr), 32);
      }
      return new Ipv4Address(
          parseIp(cidr.substring(0, slash)), Integer.parseInt(cidr.substring(slash + 1)));
    }

    static long parseIp(String dotted) {
      String[] parts = dotted.trim().split("\\.");
      if (parts.length != 4) {
        throw new IllegalArgumentException("not an IPv4 address: " + dotted);
      }
      long ip = 0;
      for (String part : parts) {
        int octet = Integer.parseInt(part);
        if (octet < 0 || octet > 255) {
          throw new IllegalArgumentException("not an IPv4 address: " + dotted);
        }
        ip = (ip << 8) | octet;
      }
      return ip;
    }

    static String format(long ip) {
      return ((ip >> 24) & 255)
          + "."
          + ((ip >> 16) & 255)
          + "."
          + ((ip >> 8) & 255)
          + "."
          + (ip & 255);
    }
  }

  /** The addresses a pool hands out: its range, or the subnet without network and broadcast. */
  record Pool(long first, long last, int prefix) {
    static Pool of(Ipv4.AddressPool pool) {
      Ipv4Address subnet = Ipv4Address.parse(pool.cidr());
      int prefix = subnet.prefix();
      long size = 1L << (32 - prefix);
      long network = subnet.ip() & ~(size - 1) & 0xFFFFFFFFL;
      long broadcast = network + size - 1;
      long first = prefix >= 31 ? network : network + 1;
      long last = prefix >= 31 ? broadcast : broadcast - 1;
      if (pool.range() != null) {
        String[] ends = pool.range().split("-");
        first = Math.max(first, Ipv4Address.parseIp(ends[0]));
        last = Math.min(last, Ipv4Address.parseIp(ends[1]));
      }
      return new Pool(first, last, prefix);
    }

    boolean contains(long ip) {
      return ip >= first && ip <= last;
    }
  }
}
