package io.bondbridge.api.v1alpha1;

/**
 * CEL fragments that compute with an IPv4 address held as text: its 32-bit value, its prefix
 * length, the size of its subnet. An annotation value must be a constant, so no method can make a
 * fragment for a given text; each text below names its octets once, and the arithmetic around them
 * is written once, in the pieces between which they stand.
 */
final class Ipv4Arithmetic {
  /** 2^(32 - p) for p = 0..32, indexed by the prefix length. */
  private static final String BLOCK_SIZES =
      "[4294967296, 2147483648, 1073741824, 536870912, 268435456, 134217728, 67108864, "
          + "33554432, 16777216, 8388608, 4194304, 2097152, 1048576, 524288, 262144, 131072, "
          + "65536, 32768, 16384, 8192, 4096, 2048, 1024, 512, 256, 128, 64, 32, 16, 8, 4, 2, 1]";

  // The value of a dotted quad o: V0 o V1 o V2 o V3 o V4, o being the CEL list of its octets.
  private static final String V0 = "(int(";
  private static final String V1 = "[0]) * 16777216 + int(";
  private static final String V2 = "[1]) * 65536 + int(";
  private static final String V3 = "[2]) * 256 + int(";
  private static final String V4 = "[3]))";

  // A unicast first octet of a text t: U0 t U1 t U2 t U3 (not 0, not 127, below 224).
  private static final String U0 = "(int(";
  private static final String U1 = ".split('.')[0]) != 0 && int(";
  private static final String U2 = ".split('.')[0]) != 127 && int(";
  private static final String U3 = ".split('.')[0]) < 224)";

  // The octets of each text an address is read from.
  private static final String SELF = "self.split('/')[0].split('.')";
  private static final String ENTRY = "self[n].split('/')[0].split('.')";
  private static final String ADDRESS = "self.address.split('/')[0].split('.')";
  private static final String NODE_ADDRESS = "self.addresses[n].split('/')[0].split('.')";
  private static final String POOL = "self.pool.cidr.split('/')[0].split('.')";
  private static final String CIDR = "self.cidr.split('/')[0].split('.')";
  private static final String GATEWAY = "self.gateway.split('.')";
  private static final String FIRST = "self.range.split('-')[0].split('.')";
  private static final String LAST = "self.range.split('-')[1].split('.')";

  static final String VALUE_OF_SELF = V0 + SELF + V1 + SELF + V2 + SELF + V3 + SELF + V4;
  static final String VALUE_OF_ENTRY = V0 + ENTRY + V1 + ENTRY + V2 + ENTRY + V3 + ENTRY + V4;
  static final String VALUE_OF_ADDRESS =
      V0 + ADDRESS + V1 + ADDRESS + V2 + ADDRESS + V3 + ADDRESS + V4;
  static final String VALUE_OF_NODE_ADDRESS =
      V0 + NODE_ADDRESS + V1 + NODE_ADDRESS + V2 + NODE_ADDRESS + V3 + NODE_ADDRESS + V4;
  static final String VALUE_OF_POOL = V0 + POOL + V1 + POOL + V2 + POOL + V3 + POOL + V4;
  static final String VALUE_OF_CIDR = V0 + CIDR + V1 + CIDR + V2 + CIDR + V3 + CIDR + V4;
  static final String VALUE_OF_GATEWAY =
      V0 + GATEWAY + V1 + GATEWAY + V2 + GATEWAY + V3 + GATEWAY + V4;
  static final String VALUE_OF_FIRST = V0 + FIRST + V1 + FIRST + V2 + FIRST + V3 + FIRST + V4;
  static final String VALUE_OF_LAST = V0 + LAST + V1 + LAST + V2 + LAST + V3 + LAST + V4;

  static final String PREFIX_OF_SELF = "int(self.split('/')[1])";
  static final String PREFIX_OF_ENTRY = "int(self[n].split('/')[1])";
  static final String PREFIX_OF_ADDRESS = "int(self.address.split('/')[1])";
  static final String PREFIX_OF_NODE_ADDRESS = "int(self.addresses[n].split('/')[1])";
  static final String PREFIX_OF_POOL = "int(self.pool.cidr.split('/')[1])";
  static final String PREFIX_OF_CIDR = "int(self.cidr.split('/')[1])";

  /** 2^(32 - prefix length): the size of the subnet. */
  static final String BLOCK_OF_SELF = BLOCK_SIZES + "[" + PREFIX_OF_SELF + "]";

  static final String BLOCK_OF_ENTRY = BLOCK_SIZES + "[" + PREFIX_OF_ENTRY + "]";
  static final String BLOCK_OF_ADDRESS = BLOCK_SIZES + "[" + PREFIX_OF_ADDRESS + "]";
  static final String BLOCK_OF_NODE_ADDRESS = BLOCK_SIZES + "[" + PREFIX_OF_NODE_ADDRESS + "]";
  static final String BLOCK_OF_POOL = BLOCK_SIZES + "[" + PREFIX_OF_POOL + "]";
  static final String BLOCK_OF_CIDR = BLOCK_SIZES + "[" + PREFIX_OF_CIDR + "]";

  static final String UNICAST_SELF = U0 + "self" + U1 + "self" + U2 + "self" + U3;
  static final String UNICAST_ENTRY = U0 + "self[n]" + U1 + "self[n]" + U2 + "self[n]" + U3;
  static final String UNICAST_A = U0 + "a" + U1 + "a" + U2 + "a" + U3;

  private Ipv4Arithmetic() {}
}
