package io.bondbridge.api.v1alpha1;

/**
 * CEL rules for IPv6 addresses and prefixes. As with {@link Ipv4Rules}, CEL's IP library
 * (Kubernetes 1.31) is not used: the form is checked by {@code matches()} against {@link
 * Patterns#IPV6}, the prefix length by {@code split()} and {@code int()}, the kind of address by
 * its leading text. Each rule passes a text of the wrong form, so a bad value gets its form's
 * message once.
 *
 * <p>What is refused beyond the form: prefix length 0 (no subnet; the default route comes from
 * gateway), :: (unspecified), ::1 (loopback), ff00::/8 (multicast) and, for a node's own address,
 * fe80::/10 (link-local: every interface makes its own). Host bits of a route or pool prefix are
 * checked by the agent and the operator: CEL has no hexadecimal arithmetic before 1.31.
 */
final class Ipv6Rules {
  static final String IPV6 = Patterns.IPV6;
  static final String IPV6_CIDR = "^" + Patterns.IPV6_BODY + "/(12[0-8]|1[01][0-9]|[1-9]?[0-9])$";

  static final String IS_IPV6 = "self.matches('" + IPV6 + "')";
  static final String IS_IPV6_CIDR = "self.matches('" + IPV6_CIDR + "')";

  /** On an address with prefix length: the prefix length is not 0. */
  static final String ADDRESS_PREFIX_NOT_ZERO =
      "!" + IS_IPV6_CIDR + " || int(self.split('/')[1]) > 0";

  /**
   * On an address with prefix length: global or unique-local unicast, i.e. not :: (all zeros), ::1,
   * ff00::/8 or fe80::/10.
   */
  static final String ADDRESS_UNICAST =
      "!" + IS_IPV6_CIDR + " || !" + Ipv6Rules.SPECIAL_SELF_ADDRESS;

  /** On a map of node name to address: every value is an address with prefix length. */
  static final String ADDRESSES_FORMAT = "self.all(n, self[n].matches('" + IPV6_CIDR + "'))";

  static final String ADDRESSES_PREFIX =
      "self.all(n, !self[n].matches('" + IPV6_CIDR + "') || int(self[n].split('/')[1]) > 0)";

  static final String ADDRESSES_UNICAST =
      "self.all(n, !self[n].matches('" + IPV6_CIDR + "') || !" + Ipv6Rules.SPECIAL_ENTRY + ")";

  /** On a plain address (a gateway or next hop): unicast; a router's link-local address is fine. */
  static final String UNICAST = "!" + IS_IPV6 + " || !" + Ipv6Rules.SPECIAL_SELF;

  /** On a pool's subnet: a prefix length from 1 to 127, so it has addresses to hand out. */
  static final String POOL_PREFIX_RANGE =
      "!" + IS_IPV6_CIDR + " || (int(self.split('/')[1]) >= 1 && int(self.split('/')[1]) <= 127)";

  /** On a prefix other than ::/0: unicast space (not ::/x, multicast or link-local). */
  static final String PREFIX_UNICAST =
      "!" + IS_IPV6_CIDR + " || int(self.split('/')[1]) == 0 || !" + Ipv6Rules.SPECIAL_SELF_ADDRESS;

  // The kinds of address no interface may be given, on each text a rule looks at.
  private static final String SPECIAL_SELF_ADDRESS =
      "("
          + "self.split('/')[0].lowerAscii().startsWith('ff') || self.split('/')[0].matches('^[0:]+$') || self.split('/')[0].matches('^[0:]*:0*1$') || self.split('/')[0].lowerAscii().matches('^fe[89ab]'))";
  private static final String SPECIAL_ENTRY =
      "("
          + "self[n].split('/')[0].lowerAscii().startsWith('ff') || self[n].split('/')[0].matches('^[0:]+$') || self[n].split('/')[0].matches('^[0:]*:0*1$') || self[n].split('/')[0].lowerAscii().matches('^fe[89ab]'))";
  private static final String SPECIAL_SELF =
      "("
          + "self.lowerAscii().startsWith('ff') || self.matches('^[0:]+$') || self.matches('^[0:]*:0*1$'))";

  private Ipv6Rules() {}
}
