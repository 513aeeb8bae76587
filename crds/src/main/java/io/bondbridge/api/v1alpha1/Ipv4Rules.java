package io.bondbridge.api.v1alpha1;

/**
 * CEL rules that take IPv4 addresses apart. CEL's IP library needs Kubernetes 1.31; these rules use
 * only what every API server since 1.25 offers (the string extension's {@code split()}, and {@code
 * int()}), so the CRDs keep the README's minimum version. An annotation value must be a constant,
 * so each text a rule looks at has its own fragments below (its 32-bit value, its prefix length,
 * the size of its subnet), and the rules are built from them.
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

  /** 2^(32 - p) for p = 0..32, indexed by the prefix length. */
  private static final String BLOCK_SIZES =
      "[4294967296, 2147483648, 1073741824, 536870912, 268435456, 134217728, 67108864, "
          + "33554432, 16777216, 8388608, 4194304, 2097152, 1048576, 524288, 262144, 131072, "
          + "65536, 32768, 16384, 8192, 4096, 2048, 1024, 512, 256, 128, 64, 32, 16, 8, 4, 2, 1]";

  /** The 32-bit value of self's address. */
  private static final String VALUE_OF_SELF =
      "(int(self.split('/')[0].split('.')[0]) * 16777216 + "
          + "int(self.split('/')[0].split('.')[1]) * 65536 + "
          + "int(self.split('/')[0].split('.')[2]) * 256 + int(self.split('/')[0].split('.')[3]))";

  /** The prefix length of self. */
  private static final String PREFIX_OF_SELF = "int(self.split('/')[1])";

  /** 2^(32 - prefix length) of self: the size of its subnet. */
  private static final String BLOCK_OF_SELF = BLOCK_SIZES + "[" + PREFIX_OF_SELF + "]";

  /** The 32-bit value of self[n]'s address. */
  private static final String VALUE_OF_ENTRY =
      "(int(self[n].split('/')[0].split('.')[0]) * 16777216 + "
          + "int(self[n].split('/')[0].split('.')[1]) * 65536 + "
          + "int(self[n].split('/')[0].split('.')[2]) * 256 + "
          + "int(self[n].split('/')[0].split('.')[3]))";

  /** The prefix length of self[n]. */
  private static final String PREFIX_OF_ENTRY = "int(self[n].split('/')[1])";

  /** 2^(32 - prefix length) of self[n]: the size of its subnet. */
  private static final String BLOCK_OF_ENTRY = BLOCK_SIZES + "[" + PREFIX_OF_ENTRY + "]";

  /** The 32-bit value of self.address's address. */
  private static final String VALUE_OF_ADDRESS =
      "(int(self.address.split('/')[0].split('.')[0]) * 16777216 + "
          + "int(self.address.split('/')[0].split('.')[1]) * 65536 + "
          + "int(self.address.split('/')[0].split('.')[2]) * 256 + "
          + "int(self.address.split('/')[0].split('.')[3]))";

  /** The prefix length of self.address. */
  private static final String PREFIX_OF_ADDRESS = "int(self.address.split('/')[1])";

  /** 2^(32 - prefix length) of self.address: the size of its subnet. */
  private static final String BLOCK_OF_ADDRESS = BLOCK_SIZES + "[" + PREFIX_OF_ADDRESS + "]";

  /** The 32-bit value of self.addresses[n]'s address. */
  private static final String VALUE_OF_NODE_ADDRESS =
      "(int(self.addresses[n].split('/')[0].split('.')[0]) * 16777216 + "
          + "int(self.addresses[n].split('/')[0].split('.')[1]) * 65536 + "
          + "int(self.addresses[n].split('/')[0].split('.')[2]) * 256 + "
          + "int(self.addresses[n].split('/')[0].split('.')[3]))";

  /** The prefix length of self.addresses[n]. */
  private static final String PREFIX_OF_NODE_ADDRESS = "int(self.addresses[n].split('/')[1])";

  /** 2^(32 - prefix length) of self.addresses[n]: the size of its subnet. */
  private static final String BLOCK_OF_NODE_ADDRESS =
      BLOCK_SIZES + "[" + PREFIX_OF_NODE_ADDRESS + "]";

  /** The 32-bit value of self.pool.cidr's address. */
  private static final String VALUE_OF_POOL =
      "(int(self.pool.cidr.split('/')[0].split('.')[0]) * 16777216 + "
          + "int(self.pool.cidr.split('/')[0].split('.')[1]) * 65536 + "
          + "int(self.pool.cidr.split('/')[0].split('.')[2]) * 256 + "
          + "int(self.pool.cidr.split('/')[0].split('.')[3]))";

  /** The prefix length of self.pool.cidr. */
  private static final String PREFIX_OF_POOL = "int(self.pool.cidr.split('/')[1])";

  /** 2^(32 - prefix length) of self.pool.cidr: the size of its subnet. */
  private static final String BLOCK_OF_POOL = BLOCK_SIZES + "[" + PREFIX_OF_POOL + "]";

  /** The 32-bit value of self.cidr's address. */
  private static final String VALUE_OF_CIDR =
      "(int(self.cidr.split('/')[0].split('.')[0]) * 16777216 + "
          + "int(self.cidr.split('/')[0].split('.')[1]) * 65536 + "
          + "int(self.cidr.split('/')[0].split('.')[2]) * 256 + "
          + "int(self.cidr.split('/')[0].split('.')[3]))";

  /** The prefix length of self.cidr. */
  private static final String PREFIX_OF_CIDR = "int(self.cidr.split('/')[1])";

  /** 2^(32 - prefix length) of self.cidr: the size of its subnet. */
  private static final String BLOCK_OF_CIDR = BLOCK_SIZES + "[" + PREFIX_OF_CIDR + "]";

  /** The 32-bit value of self.gateway. */
  private static final String VALUE_OF_GATEWAY =
      "(int(self.gateway.split('.')[0]) * 16777216 + int(self.gateway.split('.')[1]) * "
          + "65536 + int(self.gateway.split('.')[2]) * 256 + int(self.gateway.split('.')[3]))";

  /** The 32-bit value of self.range.split('-')[0]. */
  private static final String VALUE_OF_FIRST =
      "(int(self.range.split('-')[0].split('.')[0]) * 16777216 + "
          + "int(self.range.split('-')[0].split('.')[1]) * 65536 + "
          + "int(self.range.split('-')[0].split('.')[2]) * 256 + "
          + "int(self.range.split('-')[0].split('.')[3]))";

  /** The 32-bit value of self.range.split('-')[1]. */
  private static final String VALUE_OF_LAST =
      "(int(self.range.split('-')[1].split('.')[0]) * 16777216 + "
          + "int(self.range.split('-')[1].split('.')[1]) * 65536 + "
          + "int(self.range.split('-')[1].split('.')[2]) * 256 + "
          + "int(self.range.split('-')[1].split('.')[3]))";

  /** On an address with prefix length: the prefix length is not 0. */
  static final String ADDRESS_PREFIX_NOT_ZERO =
      "!" + "self.matches('" + IPV4_CIDR + "')" + " || " + PREFIX_OF_SELF + " > 0";

  /**
   * On an address with prefix length: not its subnet's network or broadcast address (/31 and /32
   * have neither).
   */
  static final String ADDRESS_HOST =
      "!"
          + "self.matches('"
          + IPV4_CIDR
          + "')"
          + " || "
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
  static final String ADDRESS_UNICAST =
      "!"
          + "self.matches('"
          + IPV4_CIDR
          + "')"
          + " || "
          + "(int(self.split('.')[0]) != 0 && int(self.split('.')[0]) != 127 && "
          + "int(self.split('.')[0]) < 224)";

  /** On the map of node name to address: every value has the form of PREFIX_OF_ADDRESS's. */
  static final String ADDRESSES_FORMAT =
      "self.all(n, " + "self[n].matches('" + IPV4_CIDR + "')" + ")";

  /** PREFIX_OF_ADDRESS for every value of the map. */
  static final String ADDRESSES_PREFIX =
      "self.all(n, !" + "self[n].matches('" + IPV4_CIDR + "')" + " || " + PREFIX_OF_ENTRY + " > 0)";

  /** ADDRESS_HOST for every value of the map. */
  static final String ADDRESSES_HOST =
      "self.all(n, !"
          + "self[n].matches('"
          + IPV4_CIDR
          + "')"
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
      "self.all(n, !"
          + "self[n].matches('"
          + IPV4_CIDR
          + "')"
          + " || "
          + "(int(self[n].split('.')[0]) != 0 && int(self[n].split('.')[0]) != 127 && "
          + "int(self[n].split('.')[0]) < 224)"
          + ")";

  /** On a subnet: its host bits are zero. */
  static final String SUBNET_HOST_BITS =
      "!"
          + "self.matches('"
          + IPV4_CIDR
          + "')"
          + " || "
          + VALUE_OF_SELF
          + " % "
          + BLOCK_OF_SELF
          + " == 0";

  /** On a subnet: not 0.0.0.0/0 (prefix length 0). */
  static final String NOT_DEFAULT_ROUTE =
      "!" + "self.matches('" + IPV4_CIDR + "')" + " || " + PREFIX_OF_SELF + " > 0";

  /** On a pool's subnet: a prefix length from 1 to 30, so it has host addresses. */
  static final String POOL_PREFIX_RANGE =
      "!"
          + "self.matches('"
          + IPV4_CIDR
          + "')"
          + " || ("
          + PREFIX_OF_SELF
          + " >= 1 && "
          + PREFIX_OF_SELF
          + " <= 30)";

  /** On a plain address: a unicast address. */
  static final String UNICAST =
      "!"
          + "self.matches('"
          + IPV4
          + "')"
          + " || "
          + "(int(self.split('.')[0]) != 0 && int(self.split('.')[0]) != 127 && "
          + "int(self.split('.')[0]) < 224)";

  /** On a list of plain addresses: each a unicast address. */
  static final String ALL_UNICAST =
      "self.all(a, !"
          + "a.matches('"
          + IPV4
          + "')"
          + " || "
          + "(int(a.split('.')[0]) != 0 && int(a.split('.')[0]) != 127 && int(a.split('.')[0]) < "
          + "224)"
          + ")";

  /** On Ipv4: the gateway lies in the subnet of every node's address and of the pool. */
  static final String GATEWAY_IN_SUBNET =
      "!has(self.gateway) || !"
          + "self.gateway.matches('"
          + IPV4
          + "')"
          + " || ((!has(self.addresses) || self.addresses.all(n, !"
          + "self.addresses[n].matches('"
          + IPV4_CIDR
          + "')"
          + " || "
          + VALUE_OF_GATEWAY
          + " / "
          + BLOCK_OF_NODE_ADDRESS
          + " == "
          + VALUE_OF_NODE_ADDRESS
          + " / "
          + BLOCK_OF_NODE_ADDRESS
          + ")) && (!has(self.pool) || !"
          + "self.pool.cidr.matches('"
          + IPV4_CIDR
          + "')"
          + " || "
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
      "!has(self.gateway) || !has(self.address) || !"
          + "self.gateway.matches('"
          + IPV4
          + "')"
          + " || !"
          + "self.address.matches('"
          + IPV4_CIDR
          + "')"
          + " || "
          + VALUE_OF_GATEWAY
          + " / "
          + BLOCK_OF_ADDRESS
          + " == "
          + VALUE_OF_ADDRESS
          + " / "
          + BLOCK_OF_ADDRESS;

  /** On a pool: the range's first address is not above its last. */
  static final String RANGE_ORDER =
      "!has(self.range) || !"
          + "self.range.matches('"
          + IPV4_RANGE
          + "')"
          + " || "
          + VALUE_OF_FIRST
          + " <= "
          + VALUE_OF_LAST;

  /**
   * On a pool: the range lies in the cidr, strictly between its network and broadcast addresses.
   */
  static final String RANGE_IN_CIDR =
      "!has(self.range) || !"
          + "self.range.matches('"
          + IPV4_RANGE
          + "')"
          + " || !"
          + "self.cidr.matches('"
          + IPV4_CIDR
          + "')"
          + " || ("
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
