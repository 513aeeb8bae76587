package io.bondbridge.agent.plan;

import java.util.ArrayList;
import java.util.List;

/** The steps on systemd-resolved's per-link settings, through its own client over the bus. */
public sealed interface DnsStep extends Step {

  /** The program of the resolver steps: systemd-resolved's own client, over the system bus. */
  String RESOLVECTL = "resolvectl";

  @Override
  default String program() {
    return RESOLVECTL;
  }

  /**
   * {@code resolvectl dns DEVICE SERVER...}: the interface's name servers in systemd-resolved, in
   * this order; none resets them ({@code resolvectl dns DEVICE ''}). resolvectl looks the name up
   * when it runs, so a replayed step finds a device made again under a new index.
   */
  record SetLinkDns(String device, List<String> servers, List<String> previous) implements DnsStep {
    public SetLinkDns {
      servers = List.copyOf(servers);
      previous = List.copyOf(previous);
    }

    public List<String> ipArgs() {
      return resolvedArgs("dns", device, servers);
    }

    public List<Step> undo() {
      return List.of(new SetLinkDns(device, previous, servers));
    }

    public String describe() {
      return describeResolved(ipArgs());
    }
  }

  /** {@code resolvectl domain DEVICE DOMAIN...}: the interface's search domains; none resets. */
  record SetLinkDomains(String device, List<String> domains, List<String> previous)
      implements DnsStep {
    public SetLinkDomains {
      domains = List.copyOf(domains);
      previous = List.copyOf(previous);
    }

    public List<String> ipArgs() {
      return resolvedArgs("domain", device, domains);
    }

    public List<Step> undo() {
      return List.of(new SetLinkDomains(device, previous, domains));
    }

    public String describe() {
      return describeResolved(ipArgs());
    }
  }

  /**
   * {@code resolvectl revert DEVICE}: resolved drops what was set for the interface (before a
   * teardown deletes it, so that an undone teardown sets it again on the device made again).
   */
  record RevertLinkDns(String device, List<String> previousServers, List<String> previousDomains)
      implements DnsStep {
    public RevertLinkDns {
      previousServers = List.copyOf(previousServers);
      previousDomains = List.copyOf(previousDomains);
    }

    public List<String> ipArgs() {
      return List.of("revert", device);
    }

    public List<Step> undo() {
      List<Step> undo = new ArrayList<>();
      if (!previousServers.isEmpty()) {
        undo.add(new SetLinkDns(device, previousServers, List.of()));
      }
      if (!previousDomains.isEmpty()) {
        undo.add(new SetLinkDomains(device, previousDomains, List.of()));
      }
      return undo;
    }
  }

  private static List<String> resolvedArgs(String verb, String device, List<String> entries) {
    List<String> args = new ArrayList<>(List.of(verb, device));
    // an empty argument, not none: without one resolvectl prints the setting instead of resetting
    args.addAll(entries.isEmpty() ? List.of("") : entries);
    return args;
  }

  private static String describeResolved(List<String> args) {
    return RESOLVECTL
        + " "
        + String.join(" ", args.stream().map(a -> a.isEmpty() ? "''" : a).toList());
  }
}
