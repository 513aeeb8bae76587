package io.bondbridge.agent.observe;

import io.bondbridge.agent.host.LinkDns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses what {@code resolvectl dns} and {@code resolvectl domain} print (systemd 252): a {@code
 * Global:} line, then one {@code Link INDEX (NAME): ENTRY ...} line per interface, entries split by
 * blanks, none after the colon when the interface has none. Pure; interfaces with nothing are left
 * out.
 */
public final class ResolvedLinks {
  private static final Pattern LINK = Pattern.compile("^Link \\d+ \\(([^)]+)\\):(.*)$");

  private ResolvedLinks() {}

  public static Map<String, LinkDns> parse(String dnsOutput, String domainOutput) {
    Map<String, List<String>> servers = entries(dnsOutput);
    Map<String, List<String>> domains = entries(domainOutput);
    Map<String, LinkDns> links = new LinkedHashMap<>();
    List<String> names = new ArrayList<>(servers.keySet());
    domains.keySet().stream().filter(n -> !names.contains(n)).forEach(names::add);
    for (String name : names) {
      LinkDns dns =
          new LinkDns(servers.getOrDefault(name, List.of()), domains.getOrDefault(name, List.of()));
      if (!dns.isEmpty()) {
        links.put(name, dns);
      }
    }
    return links;
  }

  /** Interface name to its entries, from one of the two outputs. */
  static Map<String, List<String>> entries(String output) {
    Map<String, List<String>> entries = new LinkedHashMap<>();
    for (String line : output == null ? new String[0] : output.split("\n")) {
      Matcher m = LINK.matcher(line.strip());
      if (m.matches()) {
        String rest = m.group(2).strip();
        entries.put(m.group(1), rest.isEmpty() ? List.of() : Arrays.asList(rest.split("\\s+")));
      }
    }
    return entries;
  }
}
