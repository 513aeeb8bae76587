package io.bondbridge.agent.observe;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The options of one bond from /sys/class/net/BOND/bonding/*: the one place the kernel reports
 * every option by the name the spec's {@code options} use (camelCase of it), so the planner can
 * compare them one to one.
 */
public final class SysfsBonding {

  /**
   * Enumerated options print their name and the kernel's number for it ("active-backup 1", "layer2
   * 0"); BondBridge speaks names only.
   */
  private static final Pattern NAME_AND_NUMBER = Pattern.compile("^(\\S+) \\d+$");

  /** Lists of names or addresses, where a last token of digits is data, not a mode number. */
  private static final Set<String> LISTS =
      Set.of("slaves", "queue_id", "arp_ip_target", "ns_ip6_target");

  private SysfsBonding() {}

  /**
   * @param files file name → content, as read from the bonding directory; files that could not be
   *     read are simply absent
   * @return option name → value, every file kept (an unset option is ""), sorted by name
   */
  public static Map<String, String> options(Map<String, String> files) {
    Map<String, String> options = new TreeMap<>();
    files.forEach((name, content) -> options.put(name, value(name, content)));
    return options;
  }

  private static String value(String name, String content) {
    String value = content == null ? "" : content.strip();
    if (LISTS.contains(name)) {
      return value;
    }
    Matcher m = NAME_AND_NUMBER.matcher(value);
    return m.matches() ? m.group(1) : value;
  }
}
