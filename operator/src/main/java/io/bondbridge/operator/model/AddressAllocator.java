package io.bondbridge.operator.model;

import io.bondbridge.api.v1alpha1.BondBridgeSpec;
import io.bondbridge.api.v1alpha1.Ipv4;
import io.bondbridge.api.v1alpha1.Ipv4Mode;
import io.bondbridge.api.v1alpha1.Ipv6;
import io.bondbridge.api.v1alpha1.Ipv6Mode;
import io.bondbridge.api.v1alpha1.NodeResolution;
import io.bondbridge.api.v1alpha1.Vlan;
import java.math.BigInteger;
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
 * Chooses each node's static IPv4 and IPv6 addresses: from the per-node map when the node is in it,
 * else from the pool. Stable: an address a node already has (read back from its existing
 * BondBridgeNode, so it survives operator restarts) stays with it while it still fits the pool.
 * Never two nodes with one address: mapped addresses, the gateway and addresses still held by nodes
 * that are leaving are never handed out. A node for which no address is left gets none, and the
 * reason.
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
   * One static slot of either family: the per-node map, the pool (null: none) and its text, and the
   * gateway, which is never handed out.
   */
  private record Slot(Map<String, String> mapped, Pool pool, String poolCidr, String gateway) {
    static Slot of(Ipv4 ipv4) {
      return new Slot(
          ipv4.addresses() == null ? Map.of() : ipv4.addresses(),
          ipv4.pool() == null ? null : Pool.of(ipv4.pool().cidr(), ipv4.pool().range()),
          ipv4.pool() == null ? null : ipv4.pool().cidr(),
          ipv4.gateway());
    }

    static Slot of(Ipv6 ipv6) {
      return new Slot(
          ipv6.addresses() == null ? Map.of() : ipv6.addresses(),
          ipv6.pool() == null ? null : Pool.of(ipv6.pool().cidr(), null),
          ipv6.pool() == null ? null : ipv6.pool().cidr(),
          ipv6.gateway());
    }
  }

  /**
   * @param nodes the nodes that get a spec, in any order (allocation goes by name)
   * @param existing node → slot → address, from every existing BondBridgeNode of this BondBridge
   *     (including nodes that are leaving: their addresses stay reserved until they are gone)
   */
  public static Allocation allocate(
      BondBridgeSpec spec, Collection<String> nodes, Map<String, Map<String, String>> existing) {
    Map<String, Slot> statics = new LinkedHashMap<>();
    if (spec.ipv4OrDefault().mode() == Ipv4Mode.STATIC) {
      statics.put(NodeResolution.TOP_SLOT, Slot.of(spec.ipv4OrDefault()));
    }
    if (spec.ipv6OrDefault().mode() == Ipv6Mode.STATIC) {
      statics.put(NodeResolution.TOP_IPV6_SLOT, Slot.of(spec.ipv6OrDefault()));
    }
    for (Vlan vlan : spec.vlansOrEmpty()) {
      if (vlan.ipv4() != null && vlan.ipv4().mode() == Ipv4Mode.STATIC) {
        statics.put(NodeResolution.vlanSlot(vlan.id()), Slot.of(vlan.ipv4()));
      }
      if (vlan.ipv6() != null && vlan.ipv6().mode() == Ipv6Mode.STATIC) {
        statics.put(NodeResolution.vlanIpv6Slot(vlan.id()), Slot.of(vlan.ipv6()));
      }
    }
    List<String> sorted = nodes.stream().sorted().distinct().toList();
    Map<String, Map<String, String>> result = new TreeMap<>();
    Map<String, String> problems = new TreeMap<>();
    refuseDuplicates(statics, sorted, existing, problems);
    // a mapped address is never handed out from a pool, in any slot
    Set<IpAddress> mapped = new HashSet<>();
    statics
        .values()
        .forEach(s -> s.mapped().values().forEach(a -> mapped.add(IpAddress.parse(a).host())));
    for (Map.Entry<String, Slot> slot : statics.entrySet()) {
      allocateSlot(slot.getKey(), slot.getValue(), sorted, existing, mapped, result, problems);
    }
    problems.keySet().forEach(result::remove);
    return new Allocation(result, problems);
  }

  private static void allocateSlot(
      String slot,
      Slot config,
      List<String> nodes,
      Map<String, Map<String, String>> existing,
      Set<IpAddress> mappedAnywhere,
      Map<String, Map<String, String>> result,
      Map<String, String> problems) {
    Map<String, String> mapped = config.mapped();
    Set<IpAddress> taken = new HashSet<>(mappedAnywhere);
    if (config.gateway() != null) {
      taken.add(IpAddress.parse(config.gateway()).host());
    }
    Set<String> receiving = new HashSet<>(nodes);
    existing.forEach(
        (node, bySlot) -> {
          String held = bySlot.get(slot);
          if (held != null && !receiving.contains(node)) {
            taken.add(IpAddress.parse(held).host());
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
    Pool pool = config.pool();
    if (pool == null) {
      fromPool.forEach(
          n ->
              problems.putIfAbsent(
                  n, "NoAddress: " + slot + " has no address for this node and no pool"));
      return;
    }
    if (!pool.subnet().value().equals(pool.subnet().network())) {
      // CEL checks this for IPv4 only: it has no hexadecimal arithmetic for IPv6
      String subnet = pool.subnet().withValue(pool.subnet().network()).cidr();
      fromPool.forEach(
          n ->
              problems.putIfAbsent(
                  n,
                  "AddressPoolInvalid: "
                      + config.poolCidr()
                      + " has host bits set: write its subnet, "
                      + subnet));
      return;
    }
    Map<String, IpAddress> chosen = new LinkedHashMap<>();
    for (String node : fromPool) {
      String held = existing.getOrDefault(node, Map.of()).get(slot);
      if (held == null) {
        continue;
      }
      IpAddress address = IpAddress.parse(held);
      if (pool.fits(address) && taken.add(address.host())) {
        chosen.put(node, address);
      }
    }
    BigInteger next = pool.first();
    for (String node : fromPool) {
      if (chosen.containsKey(node)) {
        continue;
      }
      while (next.compareTo(pool.last()) <= 0 && taken.contains(pool.at(next).host())) {
        next = next.add(BigInteger.ONE);
      }
      if (next.compareTo(pool.last()) > 0) {
        problems.putIfAbsent(
            node,
            "AddressPoolExhausted: no free address left in " + config.poolCidr() + " for " + slot);
        continue;
      }
      taken.add(pool.at(next).host());
      chosen.put(node, pool.at(next));
    }
    chosen.forEach(
        (node, address) ->
            result.computeIfAbsent(node, n -> new TreeMap<>()).put(slot, address.cidr()));
  }

  /**
   * One address for two nodes is refused, whichever slots give it: a node mapped to an address
   * another node's BondBridgeNode still has waits until that one lets it go (a pool node whose
   * address was mapped to another is moved first); of two nodes mapped to one address that neither
   * has yet, neither gets it.
   */
  private static void refuseDuplicates(
      Map<String, Slot> statics,
      List<String> nodes,
      Map<String, Map<String, String>> existing,
      Map<String, String> problems) {
    Map<IpAddress, Set<String>> mappedTo = new HashMap<>();
    statics
        .values()
        .forEach(
            slot ->
                slot.mapped()
                    .forEach(
                        (node, a) ->
                            mappedTo
                                .computeIfAbsent(IpAddress.parse(a).host(), ip -> new TreeSet<>())
                                .add(node)));
    Map<IpAddress, Set<String>> heldBy = new HashMap<>();
    existing.forEach(
        (node, bySlot) ->
            bySlot
                .values()
                .forEach(
                    a ->
                        heldBy
                            .computeIfAbsent(IpAddress.parse(a).host(), ip -> new TreeSet<>())
                            .add(node)));
    for (Map.Entry<String, Slot> slot : statics.entrySet()) {
      for (Map.Entry<String, String> entry : slot.getValue().mapped().entrySet()) {
        String node = entry.getKey();
        if (!nodes.contains(node)) {
          continue;
        }
        IpAddress ip = IpAddress.parse(entry.getValue()).host();
        Set<String> holders = new TreeSet<>(heldBy.getOrDefault(ip, Set.of()));
        boolean holds = holders.remove(node);
        Set<String> others = new TreeSet<>(mappedTo.get(ip));
        others.remove(node);
        String address = ip.ip() + " (" + slot.getKey() + ")";
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

  /**
   * The addresses a pool hands out. IPv4: its range, or the subnet without network and broadcast.
   * IPv6: the subnet from the address after the subnet's own (its subnet-router anycast address)
   * up; a /127 has both of its two (RFC 6164).
   */
  record Pool(IpAddress subnet, BigInteger first, BigInteger last) {
    static Pool of(String cidr, String range) {
      IpAddress subnet = IpAddress.parse(cidr);
      int bits = IpAddress.bits(subnet.v6());
      BigInteger network = subnet.network();
      BigInteger end = network.add(subnet.blockSize()).subtract(BigInteger.ONE);
      boolean tiny = subnet.prefix() >= bits - 1; // a /31 or /32, a /127 or /128
      BigInteger first = tiny ? network : network.add(BigInteger.ONE);
      BigInteger last = tiny || subnet.v6() ? end : end.subtract(BigInteger.ONE);
      if (range != null) {
        String[] ends = range.split("-");
        first = first.max(IpAddress.parse(ends[0]).value());
        last = last.min(IpAddress.parse(ends[1]).value());
      }
      return new Pool(subnet, first, last);
    }

    /** The pool's address with this value, with the pool's prefix length. */
    IpAddress at(BigInteger value) {
      return subnet.withValue(value);
    }

    /** An address this pool could have handed out: same family, prefix length and range. */
    boolean fits(IpAddress address) {
      return address.v6() == subnet.v6()
          && address.prefix() == subnet.prefix()
          && address.value().compareTo(first) >= 0
          && address.value().compareTo(last) <= 0;
    }
  }
}
