package io.bondbridge.api.v1alpha1;

/** Regular expressions shared by the schema: one definition each, so the CRD stays consistent. */
final class Patterns {
  /**
   * A Linux interface name: not "." or "..", no "/", ":" or white space (IFNAMSIZ is checked
   * apart).
   */
  static final String IFNAME = "^[A-Za-z0-9_-][A-Za-z0-9_.-]*$";

  static final String MAC = "^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$";

  private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";

  static final String IPV4 = "^" + OCTET + "(\\." + OCTET + "){3}$";

  static final String IPV4_CIDR = "^" + OCTET + "(\\." + OCTET + "){3}/(3[0-2]|[12]?[0-9])$";

  static final String IPV4_RANGE =
      "^" + OCTET + "(\\." + OCTET + "){3}-" + OCTET + "(\\." + OCTET + "){3}$";

  /** Loose IPv6 literal check; the agent parses the address itself before use. */
  static final String IPV6 = "^[0-9A-Fa-f:.]{2,45}$";

  private Patterns() {}
}
