package io.bondbridge.api.v1alpha1;

import static io.bondbridge.api.v1alpha1.Ipv4Arithmetic.BLOCK_OF_ADDRESS;
import static io.bondbridge.api.v1alpha1.Ipv4Arithmetic.BLOCK_OF_CIDR;
import static io.bondbridge.api.v1alpha1.Ipv4Arithmetic.BLOCK_OF_ENTRY;
import static io.bondbridge.api.v1alpha1.Ipv4Arithmetic.BLOCK_OF_NODE_ADDRESS;
import static io.bondbridge.api.v1alpha1.Ipv4Arithmetic.BLOCK_OF_POOL;
import static io.bondbridge.api.v1alpha1.Ipv4Arithmetic.BLOCK_OF_SELF;
import static io.bondbridge.api.v1alpha1.Ipv4Arithmetic.PREFIX_OF_ENTRY;
import static io.bondbridge.api.v1alpha1.Ipv4Arithmetic.PREFIX_OF_SELF;
import static io.bondbridge.api.v1alpha1.Ipv4Arithmetic.UNICAST_A;
import static io.bondbridge.api.v1alpha1.Ipv4Arithmetic.UNICAST_ENTRY;
import static io.bondbridge.api.v1alpha1.Ipv4Arithmetic.UNICAST_SELF;
import static io.bondbridge.api.v1alpha1.Ipv4Arithmetic.VALUE_OF_ADDRESS;
import static io.bondbridge.api.v1alpha1.Ipv4Arithmetic.VALUE_OF_CIDR;
import static io.bondbridge.api.v1alpha1.Ipv4Arithmetic.VALUE_OF_ENTRY;
import static io.bondbridge.api.v1alpha1.Ipv4Arithmetic.VALUE_OF_FIRST;
import static io.bondbridge.api.v1alpha1.Ipv4Arithmetic.VALUE_OF_GATEWAY;
import static io.bondbridge.api.v1alpha1.Ipv4Arithmetic.VALUE_OF_LAST;
import static io.bondbridge.api.v1alpha1.Ipv4Arithmetic.VALUE_OF_NODE_ADDRESS;
import static io.bondbridge.api.v1alpha1.Ipv4Arithmetic.VALUE_OF_POOL;
import static io.bondbridge.api.v1alpha1.Ipv4Arithmetic.VALUE_OF_SELF;

/**
 * CEL rules that take IPv4 addresses apart. CEL's IP library needs Kubernetes 1.31; these rules use
 * only what every API server since 1.25 offers (the string extension's {@code split()}, and {@code
 * int()}), so the CRDs keep the README's minimum version. The arithmetic on a text's address (its
 * 32-bit value, its prefix length, the size of its subnet) is in {@link Ipv4Arithmetic}; the rules
 * are built from it.
 *
 * <p>Every rule passes a text of the wrong form: that gets the form's own message, once, and no
 * rule ever fails to evaluate. A unicast address has a first octet other than 0 ("this network")
 * and 127 (loopback), and below 224 (multicast, reserved and broadcast).
 */
final class Ipv4Rules {
  private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
  static final String IPV4 = "^" + OCTET + "([.]" + OCTET + "){3}$";
  static final String IPV4_CIDR = "^" + OCTET + "([.]" + OCTET + "){3}/(3[0-2]|[12]?[0-9])$";
  static final String IPV4_RANGE =
      "^" + OCTET + "([.]" + OCTET + "){3}-" + OCTET + "([.]" + OCTET + "){3}$";

  static final String IS_IPV4 = "self.matches('" + IPV4 + "')";
  static final String IS_IPV4_CIDR = "self.matches('" + IPV4_CIDR + "')";
  static final String IS_IPV4_RANGE = "self.matches('" + IPV4_RANGE + "')";
  static final String ALL_IPV4 = "self.all(a, a.matches('" + IPV4 + "'))";

  /** Guards a rule on a text with prefix length: a text of another form passes it. */
  private static final String NOT_CIDR = "!" + IS_IPV4_CIDR + " || ";

  private static final String ENTRY_IS_CIDR = "self[n].matches('" + IPV4_CIDR + "')";

  /** On an address with prefix length: the prefix length is not 0. */
  static final String ADDRESS_PREFIX_NOT_ZERO = NOT_CIDR + PREFIX_OF_SELF + " > 0";

  /**
   * On an address with prefix length: not its subnet's network or broadcast address (/31 and /32
   * have neither).
   */
  static final String ADDRESS_HOST =
      NOT_CIDR
          + PREFIX_OF_SELF
          + " > 30 || ("
          + VALUE_OF_SELF
          + " % "
          + BLOCK_OF_SELF
          + " != 0 && "
          + VALUE_OF_SELF
          + " % "
          + BLOCK_OF_SELF
          + " != "
          + BLOCK_OF_SELF
          + " - 1)";

  /** On an address with prefix length: a unicast address. */
  static final String ADDRESS_UNICAST = NOT_CIDR + UNICAST_SELF;

  /** On the map of node name to address: every value is an address with prefix length. */
  static final String ADDRESSES_FORMAT = "self.all(n, " + ENTRY_IS_CIDR + ")";

  /** ADDRESS_PREFIX_NOT_ZERO for every value of the map. */
  static final String ADDRESSES_PREFIX =
      "self.all(n, !" + ENTRY_IS_CIDR + " || " + PREFIX_OF_ENTRY + " > 0)";

  /** ADDRESS_HOST for every value of the map. */
  static final String ADDRESSES_HOST =
      "self.all(n, !"
          + ENTRY_IS_CIDR
          + " || "
          + PREFIX_OF_ENTRY
          + " > 30 || ("
          + VALUE_OF_ENTRY
          + " % "
          + BLOCK_OF_ENTRY
          + " != 0 && "
          + VALUE_OF_ENTRY
          + " % "
          + BLOCK_OF_ENTRY
          + " != "
          + BLOCK_OF_ENTRY
          + " - 1))";

  /** ADDRESS_UNICAST for every value of the map. */
  static final String ADDRESSES_UNICAST =
      "self.all(n, !" + ENTRY_IS_CIDR + " || " + UNICAST_ENTRY + ")";

  /** On a subnet: its host bits are zero. */
  static final String SUBNET_HOST_BITS = NOT_CIDR + VALUE_OF_SELF + " % " + BLOCK_OF_SELF + " == 0";

  /** On a subnet: not 0.0.0.0/0 (prefix length 0). */
  static final String NOT_DEFAULT_ROUTE = NOT_CIDR + PREFIX_OF_SELF + " > 0";

  /** On a pool's subnet: a prefix length from 1 to 30, so it has host addresses. */
  static final String POOL_PREFIX_RANGE =
      NOT_CIDR + "(" + PREFIX_OF_SELF + " >= 1 && " + PREFIX_OF_SELF + " <= 30)";

  /** On a plain address: a unicast address. */
  static final String UNICAST = "!" + IS_IPV4 + " || " + UNICAST_SELF;

  /** On a list of plain addresses: each a unicast address. */
  static final String ALL_UNICAST = "self.all(a, !a.matches('" + IPV4 + "') || " + UNICAST_A + ")";

  /** On Ipv4: the gateway lies in the subnet of every node's address and of the pool. */
  static final String GATEWAY_IN_SUBNET =
      "!has(self.gateway) || !self.gateway.matches('"
          + IPV4
          + "') || ((!has(self.addresses) || self.addresses.all(n, !self.addresses[n].matches('"
          + IPV4_CIDR
          + "') || "
          + VALUE_OF_GATEWAY
          + " / "
          + BLOCK_OF_NODE_ADDRESS
          + " == "
          + VALUE_OF_NODE_ADDRESS
          + " / "
          + BLOCK_OF_NODE_ADDRESS
          + ")) && (!has(self.pool) || !self.pool.cidr.matches('"
          + IPV4_CIDR
          + "') || "
          + VALUE_OF_GATEWAY
          + " / "
          + BLOCK_OF_POOL
          + " == "
          + VALUE_OF_POOL
          + " / "
          + BLOCK_OF_POOL
          + "))";

  /** On NodeIpv4: the gateway lies in the address's subnet. */
  static final String NODE_GATEWAY_IN_SUBNET =
      "!has(self.gateway) || !has(self.address) || !self.gateway.matches('"
          + IPV4
          + "') || !self.address.matches('"
          + IPV4_CIDR
          + "') || "
          + VALUE_OF_GATEWAY
          + " / "
          + BLOCK_OF_ADDRESS
          + " == "
          + VALUE_OF_ADDRESS
          + " / "
          + BLOCK_OF_ADDRESS;

  /** On a pool: the range's first address is not above its last. */
  static final String RANGE_ORDER =
      "!has(self.range) || !self.range.matches('"
          + IPV4_RANGE
          + "') || "
          + VALUE_OF_FIRST
          + " <= "
          + VALUE_OF_LAST;

  /**
   * On a pool: the range lies in the cidr, strictly between its network and broadcast addresses.
   */
  static final String RANGE_IN_CIDR =
      "!has(self.range) || !self.range.matches('"
          + IPV4_RANGE
          + "') || !self.cidr.matches('"
          + IPV4_CIDR
          + "') || ("
          + VALUE_OF_FIRST
          + " / "
          + BLOCK_OF_CIDR
          + " == "
          + VALUE_OF_CIDR
          + " / "
          + BLOCK_OF_CIDR
          + " && "
          + VALUE_OF_LAST
          + " / "
          + BLOCK_OF_CIDR
          + " == "
          + VALUE_OF_CIDR
          + " / "
          + BLOCK_OF_CIDR
          + " && "
          + VALUE_OF_FIRST
          + " % "
          + BLOCK_OF_CIDR
          + " != 0 && "
          + VALUE_OF_LAST
          + " % "
          + BLOCK_OF_CIDR
          + " != "
          + BLOCK_OF_CIDR
          + " - 1)";

  private Ipv4Rules() {}
}
