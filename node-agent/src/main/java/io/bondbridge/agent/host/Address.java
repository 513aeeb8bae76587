package io.bondbridge.agent.host;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * An IPv4 or IPv6 address on an interface (IPv6 link-local addresses are left out: every interface
 * makes its own).
 *
 * @param cidr address with prefix length, e.g. 192.168.1.100/24 or 2001:db8:1::2/64
 * @param dynamic true for an address with a finite valid lifetime: a DHCP lease, an IPv6 address
 *     from router advertisements (SLAAC) or one a daemon set with lifetimes
 * @param validLifetime seconds left before the kernel deletes it, null for forever
 * @param preferredLifetime seconds left before it is deprecated, null for forever
 * @param flags the kernel's flags as iproute2 names them, e.g. mngtmpaddr, noprefixroute,
 *     stable-privacy, temporary (IPv6)
 */
public record Address(
    String device,
    String cidr,
    boolean dynamic,
    Long validLifetime,
    Long preferredLifetime,
    List<String> flags) {

  /** Flags {@code ip addr add} can set, so a moved address keeps how the kernel treats it. */
  public static final List<String> SETTABLE_FLAGS = List.of("mngtmpaddr", "noprefixroute");

  public Address {
    flags = flags == null ? List.of() : List.copyOf(flags);
  }

  /** An address without lifetimes or flags (what IPv4 tests and static addresses need). */
  public Address(String device, String cidr, boolean dynamic) {
    this(device, cidr, dynamic, null, null, List.of());
  }

  public String ip() {
    return cidr.substring(0, cidr.indexOf('/'));
  }

  @JsonIgnore
  /**
   * Whether this is a DHCP lease: an IPv4 address with a lifetime (an IPv6 one with a lifetime
   * comes from router advertisements, or a daemon the agent leaves alone).
   */
  public boolean isLease() {
    return dynamic && !isIpv6();
  }

  public boolean isIpv6() {
    return cidr.contains(":");
  }

  /** Made by the kernel from a router advertisement's prefix (SLAAC), EUI-64 or stable-privacy. */
  @JsonIgnore
  public boolean isSlaac() {
    return isIpv6() && dynamic && flags.contains("mngtmpaddr");
  }

  /** The flags among {@link #SETTABLE_FLAGS} this address has. */
  public List<String> settableFlags() {
    return flags.stream().filter(SETTABLE_FLAGS::contains).toList();
  }

  public Address onDevice(String newDevice) {
    return new Address(newDevice, cidr, dynamic, validLifetime, preferredLifetime, flags);
  }
}
