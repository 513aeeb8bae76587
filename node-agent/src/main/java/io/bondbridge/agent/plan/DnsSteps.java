package io.bondbridge.agent.plan;

import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.LinkDns;
import io.bondbridge.agent.host.Resolved;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.Ipv4;
import io.bondbridge.api.v1alpha1.Ipv4Mode;
import io.bondbridge.api.v1alpha1.NodeIpv4;
import io.bondbridge.api.v1alpha1.NodeVlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ipv4.dns}, applied per interface through systemd-resolved: the name servers and search
 * domains of each interface whose addresses the spec sets ({@code ipv4.mode: static}, on the top
 * interface and on VLANs). There the spec is the whole truth: no {@code dns} means none, so a
 * {@code dns} taken out of the spec is taken off the interface too. Interfaces in other modes are
 * left to whatever set their resolver. Where resolved cannot take settings, a spec with {@code dns}
 * is refused before any step. Pure, like {@link Planner}.
 */
public final class DnsSteps {
  private DnsSteps() {}

  /** The resolver settings the spec gives each interface it addresses statically, in spec order. */
  public static Map<String, LinkDns> wanted(BondBridgeNodeSpec spec) {
    Map<String, LinkDns> wanted = new LinkedHashMap<>();
    put(wanted, spec.topInterface(), spec.ipv4OrDefault());
    for (NodeVlan vlan : spec.vlansOrEmpty()) {
      put(wanted, vlan.topInterface(), vlan.ipv4());
    }
    return wanted;
  }

  private static void put(Map<String, LinkDns> wanted, String device, NodeIpv4 ipv4) {
    if (ipv4 != null && ipv4.mode() == Ipv4Mode.STATIC) {
      wanted.put(device, of(ipv4.dns()));
    }
  }

  static LinkDns of(Ipv4.Dns dns) {
    if (dns == null) {
      return LinkDns.NONE;
    }
    List<String> servers = dns.nameservers() == null ? List.of() : dns.nameservers();
    List<String> domains = new ArrayList<>();
    for (String domain : dns.search() == null ? List.<String>of() : dns.search()) {
      // resolved keeps a name without its final dot
      domains.add(domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain);
    }
    return new LinkDns(servers, domains);
  }

  /** Why the spec's {@code dns} cannot be applied here; empty when it can, or there is none. */
  static List<String> refusals(BondBridgeNodeSpec spec, HostState host) {
    Resolved resolved = host.resolved();
    List<String> devices = new ArrayList<>();
    wanted(spec)
        .forEach(
            (device, dns) -> {
              if (!dns.isEmpty()) {
                devices.add(device);
              }
            });
    if (resolved.isRunning() || devices.isEmpty()) {
      return List.of();
    }
    return List.of(
        "ipv4.dns of "
            + String.join(", ", devices)
            + " is applied per interface through systemd-resolved, which cannot take it on this"
            + " host: "
            + resolved.absence()
            + ". Run systemd-resolved here, or leave ipv4.dns out and give the node its name"
            + " servers the host's own way");
  }

  /**
   * The steps that give each statically addressed interface the spec's resolver settings, after the
   * interfaces are made and addressed: only what differs from what resolved has. An interface the
   * plan makes (again) starts with nothing.
   */
  static void ensure(PlanContext ctx) {
    Resolved resolved = ctx.host().resolved();
    if (!resolved.isRunning()) {
      return; // a spec with dns was refused; without dns there is nothing resolved could hold
    }
    wanted(ctx.spec())
        .forEach(
            (device, dns) -> {
              LinkDns now =
                  ctx.host().link(device).isPresent() && !deletedInPlan(ctx, device)
                      ? resolved.of(device)
                      : LinkDns.NONE;
              if (!now.servers().equals(dns.servers())) {
                ctx.emit(new DnsStep.SetLinkDns(device, dns.servers(), now.servers()));
              }
              if (!sameDomains(now.domains(), dns.domains())) {
                ctx.emit(new DnsStep.SetLinkDomains(device, dns.domains(), now.domains()));
              }
            });
  }

  /**
   * Before a teardown deletes our interfaces: resolved drops what it has for each (the kernel's
   * deletion would too), as a step whose undo sets it again on the interface an undone teardown
   * makes again.
   */
  static List<Step> giveBack(BondBridgeNodeSpec spec, HostState host, Ownership owner) {
    Resolved resolved = host.resolved();
    List<String> ours = new ArrayList<>();
    ours.add(spec.topInterface());
    spec.vlansOrEmpty().forEach(v -> ours.add(v.topInterface()));
    List<Step> steps = new ArrayList<>();
    for (String device : ours) {
      LinkDns now = resolved.of(device);
      if (!now.isEmpty() && host.link(device).filter(owner::owns).isPresent()) {
        steps.add(new DnsStep.RevertLinkDns(device, now.servers(), now.domains()));
      }
    }
    return steps;
  }

  private static boolean deletedInPlan(PlanContext ctx, String device) {
    return ctx.sim().steps().stream()
        .anyMatch(s -> s instanceof LinkStep.DeleteLink d && d.name().equals(device));
  }

  /** Domain names compare without regard to case. */
  private static boolean sameDomains(List<String> a, List<String> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).equalsIgnoreCase(b.get(i))) {
        return false;
      }
    }
    return true;
  }
}
