package io.bondbridge.api.v1alpha1;

/**
 * Regular expressions shared by the schema, one definition each, and the CEL rules and messages
 * that use them. Forms are checked by CEL {@code matches()} rather than OpenAPI {@code pattern}:
 * the API server words a pattern error with the raw regex, a rule with its message. The regexes
 * hold no backslash, so the CEL string literal needs no escaping (RE2 in the API server,
 * java.util.regex in the tests agree on everything used here).
 */
final class Patterns {
  /**
   * A Linux interface name: not "." or "..", no "/", ":" or white space (IFNAMSIZ is checked
   * apart).
   */
  static final String IFNAME = "^[A-Za-z0-9_-][A-Za-z0-9_.-]*$";

  static final String IS_IFNAME = "self.matches('" + IFNAME + "')";
  static final String IFNAME_MESSAGE =
      "must be an interface name: letters, digits, '-', '_' and '.', not starting with '.' (no"
          + " '/', ':' or white space), e.g. bond0";

  /** Names the kernel keeps for itself in /proc/sys/net/ipv{4,6}/conf: no device can have them. */
  static final String NOT_RESERVED = "!(self in ['all', 'default'])";

  static final String RESERVED_MESSAGE =
      "all and default cannot name an interface: the kernel keeps /proc/sys/net/ipv4/conf/all"
          + " and /default for itself";

  static final String MAC = "^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$";
  static final String IS_MAC = "self.matches('" + MAC + "')";
  static final String MAC_MESSAGE =
      "must be a MAC address: six pairs of hex digits separated by ':', e.g. 00:15:17:aa:bb:cc";

  private static final String H = "[0-9A-Fa-f]{1,4}";

  /** An IPv6 address in any of its compressed forms (no embedded IPv4, no zone). */
  static final String IPV6 = "^" + Patterns.IPV6_BODY + "$";

  /** {@link #IPV6} without its anchors, to build longer forms from. */
  static final String IPV6_BODY =
      "(("
          + H
          + ":){7}"
          + H
          + "|("
          + H
          + ":){1,7}:|("
          + H
          + ":){1,6}:"
          + H
          + "|("
          + H
          + ":){1,5}(:"
          + H
          + "){1,2}|("
          + H
          + ":){1,4}(:"
          + H
          + "){1,3}|("
          + H
          + ":){1,3}(:"
          + H
          + "){1,4}|("
          + H
          + ":){1,2}(:"
          + H
          + "){1,5}|"
          + H
          + ":(:"
          + H
          + "){1,6}|:((:"
          + H
          + "){1,7}|:))";

  /**
   * A shell glob over interface names as the agent reads it: name characters, '*', '?', '!', and
   * closed bracket groups ([0-9], [!ab]). The CEL literal's "\\[" is the regex's "\[".
   */
  static final String GLOB = "^([A-Za-z0-9_.*?!-]|\\\\[!?[A-Za-z0-9_.-]+\\\\])+$";

  static final String DRIVER = "^[A-Za-z0-9_.-]+$";

  /** The name part of a label key, and a label value when not empty (at most 63 apart). */
  static final String LABEL_NAME = "^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$";

  /** An optional DNS subdomain prefix and '/', then a label name. */
  static final String LABEL_KEY =
      "^([a-z0-9]([-a-z0-9]*[a-z0-9])?([.][a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$";

  /** A label key k as the API server's LabelSelector validation admits it. */
  static final String LABEL_KEY_OK =
      "(k.matches('"
          + LABEL_KEY
          + "') && (k.contains('/') ? size(k.split('/')[0]) <= 253 && size(k.split('/')[1]) <="
          + " 63 : size(k) <= 63))";

  static final String LABEL_KEY_MESSAGE =
      "an optional DNS prefix and '/', then a name of at most 63 letters,"
          + " digits, '-', '_' or '.' that starts and ends with a letter or digit, e.g."
          + " bondbridge.io/uplink";

  /** A label value v: empty, or at most 63 characters of a label name. */
  static final String LABEL_VALUE_OK =
      "(v == '' || (size(v) <= 63 && v.matches('" + LABEL_NAME + "')))";

  static final String LABEL_VALUE_MESSAGE =
      "empty, or at most 63 letters, digits, '-', '_' or '.' that start"
          + " and end with a letter or digit, e.g. \"true\"";

  /** A DNS-1123 label: what a BondBridge name may be. */
  static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

  private Patterns() {}
}
