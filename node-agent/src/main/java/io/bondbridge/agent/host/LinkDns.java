package io.bondbridge.agent.host;

import java.util.List;

/**
 * One interface's resolver settings in systemd-resolved: its per-link name servers and domains, in
 * resolved's order (as {@code resolvectl dns} and {@code resolvectl domain} print them).
 */
public record LinkDns(List<String> servers, List<String> domains) {
  public static final LinkDns NONE = new LinkDns(List.of(), List.of());

  public LinkDns {
    servers = List.copyOf(servers);
    domains = List.copyOf(domains);
  }

  public boolean isEmpty() {
    return servers.isEmpty() && domains.isEmpty();
  }
}
