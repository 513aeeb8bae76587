package io.bondbridge.agent.host;

import java.util.Map;

/**
 * systemd-resolved on this host, as read before any change: running, with each interface's
 * settings, or not, with the reason (no system bus, no resolvectl, the bus name unowned).
 *
 * @param absence why resolved cannot take settings here; null when it runs
 * @param links interface name to what resolved has for it (interfaces it lists with nothing are
 *     left out)
 */
public record Resolved(String absence, Map<String, LinkDns> links) {

  public Resolved {
    links = Map.copyOf(links);
  }

  public static Resolved running(Map<String, LinkDns> links) {
    return new Resolved(null, links);
  }

  public static Resolved absent(String why) {
    return new Resolved(why, Map.of());
  }

  /** A host model made without looking at resolved (tests, hosts built by hand). */
  public static final Resolved NOT_READ = absent("systemd-resolved was not looked at");

  public boolean isRunning() {
    return absence == null;
  }

  /** What resolved has for the interface: nothing if it lists nothing for it. */
  public LinkDns of(String device) {
    return links.getOrDefault(device, LinkDns.NONE);
  }
}
