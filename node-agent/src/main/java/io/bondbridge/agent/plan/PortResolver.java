package io.bondbridge.agent.plan;

import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Link;
import io.bondbridge.api.v1alpha1.PortSelector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Turns the spec's port selectors into this node's NICs, or says why it cannot. */
public final class PortResolver {

  /** The NICs selected, in selector order, or the reasons none can be. */
  public record Ports(List<String> names, List<String> refusals) {}

  private PortResolver() {}

  public static Ports resolve(List<PortSelector> selectors, String bondName, HostState host) {
    Map<String, Integer> selectedBy = new LinkedHashMap<>();
    List<String> refusals = new ArrayList<>();
    for (int i = 0; i < selectors.size(); i++) {
      PortSelector selector = selectors.get(i);
      String where = "ports[" + i + "] (" + describe(selector) + ")";
      if (selector.name() != null) {
        Link named = host.links().get(selector.name());
        if (named == null) {
          refusals.add(where + ": no interface " + selector.name() + " on this node");
          continue;
        }
        if (!named.isNic()) {
          refusals.add(where + ": " + selector.name() + " is a " + named.kind() + ", not a NIC");
          continue;
        }
      }
      List<Link> matches =
          host.links().values().stream().filter(l -> matches(selector, l)).toList();
      if (matches.isEmpty()) {
        refusals.add(where + " matches no NIC on this node");
      }
      for (Link nic : matches) {
        Integer earlier = selectedBy.putIfAbsent(nic.name(), i);
        if (earlier != null) {
          refusals.add(
              nic.name() + " is selected by both ports[" + earlier + "] and ports[" + i + "]");
        } else if (nic.master() != null && !nic.master().equals(bondName)) {
          refusals.add(
              nic.name()
                  + " is enslaved to "
                  + nic.master()
                  + "; BondBridge never takes a port from another master");
        }
      }
    }
    return new Ports(List.copyOf(selectedBy.keySet()), refusals);
  }

  static boolean matches(PortSelector selector, Link link) {
    if (!link.isNic()) {
      return false;
    }
    if (selector.name() != null && !selector.name().equals(link.name())) {
      return false;
    }
    if (selector.namePattern() != null
        && !glob(selector.namePattern()).matcher(link.name()).matches()) {
      return false;
    }
    if (selector.macAddress() != null
        && (link.identityMac() == null
            || !selector.macAddress().equalsIgnoreCase(link.identityMac()))) {
      return false;
    }
    return selector.driver() == null || selector.driver().equals(link.driver());
  }

  /** Shell glob to regex: {@code *}, {@code ?}, {@code [abc]} and {@code [!abc]}. */
  static Pattern glob(String glob) {
    StringBuilder regex = new StringBuilder();
    boolean inClass = false;
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (inClass) {
        if (c == ']') {
          inClass = false;
          regex.append(']');
        } else if (c == '!' && glob.charAt(i - 1) == '[') {
          regex.append('^');
        } else {
          regex.append(c == '\\' || c == '^' ? "\\" + c : String.valueOf(c));
        }
      } else if (c == '*') {
        regex.append(".*");
      } else if (c == '?') {
        regex.append('.');
      } else if (c == '[') {
        inClass = true;
        regex.append('[');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }

  private static String describe(PortSelector s) {
    List<String> parts = new ArrayList<>();
    if (s.name() != null) parts.add("name " + s.name());
    if (s.namePattern() != null) parts.add("namePattern " + s.namePattern());
    if (s.macAddress() != null) parts.add("macAddress " + s.macAddress());
    if (s.driver() != null) parts.add("driver " + s.driver());
    return String.join(", ", parts);
  }
}
