package io.bondbridge.agent.plan;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.bondbridge.agent.host.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One change to the host, as one {@code ip} command, with the steps that undo it. The planner fills
 * in what the undo needs (the previous master, option values, ...) from the observed host, so a
 * failed apply can walk back without reading the host again. Steps are values: they can be printed
 * ({@code plan}), journaled and replayed.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, property = "step")
@JsonSubTypes({
  @JsonSubTypes.Type(Step.CreateBond.class),
  @JsonSubTypes.Type(Step.SetBondOptions.class),
  @JsonSubTypes.Type(Step.CreateBridge.class),
  @JsonSubTypes.Type(Step.SetBridgeOptions.class),
  @JsonSubTypes.Type(Step.CreateVlan.class),
  @JsonSubTypes.Type(Step.SetAlias.class),
  @JsonSubTypes.Type(Step.SetMaster.class),
  @JsonSubTypes.Type(Step.SetLinkState.class),
  @JsonSubTypes.Type(Step.SetMtu.class),
  @JsonSubTypes.Type(Step.AddAddress.class),
  @JsonSubTypes.Type(Step.DelAddress.class),
  @JsonSubTypes.Type(Step.AddRoute.class),
  @JsonSubTypes.Type(Step.DelRoute.class),
  @JsonSubTypes.Type(Step.DeleteLink.class),
  @JsonSubTypes.Type(Step.SetLinkDns.class),
  @JsonSubTypes.Type(Step.SetLinkDomains.class),
  @JsonSubTypes.Type(Step.RevertLinkDns.class)
})
public sealed interface Step {

  /** The program of every step today; a step of another one says so in {@link #program()}. */
  String IP = "ip";

  /**
   * The program the step runs: {@code ip} unless the step says otherwise (a {@code bridge vlan}
   * step, a DHCP client). Only {@code ip} steps go through the agent's long-lived ip session; any
   * other runs as its own process through the exec seam.
   */
  default String program() {
    return IP;
  }

  /** The arguments after {@link #program()} ({@code ip} for all steps today). */
  List<String> ipArgs();

  /** The steps that take this one back, in the order to run them. */
  List<Step> undo();

  /** The command as an admin would type it (arguments are never joined for execution). */
  default String describe() {
    return program() + " " + String.join(" ", ipArgs());
  }

  private static List<String> withOptions(List<String> head, Map<String, String> options) {
    List<String> args = new ArrayList<>(head);
    options.forEach(
        (name, value) -> {
          args.add(name);
          args.add(value);
        });
    return args;
  }

  /** {@code ip link add name BOND type bond mode MODE OPTION VALUE ...}. */
  record CreateBond(String name, Map<String, String> options) implements Step {
    public List<String> ipArgs() {
      return withOptions(List.of("link", "add", "name", name, "type", "bond"), options);
    }

    public List<Step> undo() {
      return List.of(new DeleteLink(name, List.of()));
    }
  }

  /** Changes options of a live bond; {@code previous} holds the values to go back to. */
  record SetBondOptions(String bond, Map<String, String> options, Map<String, String> previous)
      implements Step {
    public List<String> ipArgs() {
      return withOptions(List.of("link", "set", "dev", bond, "type", "bond"), options);
    }

    public List<Step> undo() {
      return previous.isEmpty() ? List.of() : List.of(new SetBondOptions(bond, previous, options));
    }
  }

  record CreateBridge(String name, Map<String, String> options) implements Step {
    public List<String> ipArgs() {
      return withOptions(List.of("link", "add", "name", name, "type", "bridge"), options);
    }

    public List<Step> undo() {
      return List.of(new DeleteLink(name, List.of()));
    }
  }

  record SetBridgeOptions(String bridge, Map<String, String> options, Map<String, String> previous)
      implements Step {
    public List<String> ipArgs() {
      return withOptions(List.of("link", "set", "dev", bridge, "type", "bridge"), options);
    }

    public List<Step> undo() {
      return List.of(new SetBridgeOptions(bridge, previous, options));
    }
  }

  /** {@code ip link add link PARENT name NAME type vlan id ID}. */
  record CreateVlan(String parent, String name, int id) implements Step {
    public List<String> ipArgs() {
      return List.of(
          "link", "add", "link", parent, "name", name, "type", "vlan", "id", String.valueOf(id));
    }

    public List<Step> undo() {
      return List.of(new DeleteLink(name, List.of()));
    }
  }

  /** Sets the interface alias: BondBridge's ownership mark. */
  record SetAlias(String device, String alias, String previous) implements Step {
    public List<String> ipArgs() {
      return List.of("link", "set", "dev", device, "alias", alias);
    }

    public List<Step> undo() {
      return List.of(new SetAlias(device, previous == null ? "" : previous, alias));
    }
  }

  /** Enslaves {@code device} to {@code master}, or releases it when master is null. */
  record SetMaster(String device, String master, String previousMaster) implements Step {
    public List<String> ipArgs() {
      return master == null
          ? List.of("link", "set", "dev", device, "nomaster")
          : List.of("link", "set", "dev", device, "master", master);
    }

    public List<Step> undo() {
      return List.of(new SetMaster(device, previousMaster, master));
    }
  }

  record SetLinkState(String device, boolean up) implements Step {
    public List<String> ipArgs() {
      return List.of("link", "set", "dev", device, up ? "up" : "down");
    }

    public List<Step> undo() {
      return List.of(new SetLinkState(device, !up));
    }
  }

  record SetMtu(String device, int mtu, int previous) implements Step {
    public List<String> ipArgs() {
      return List.of("link", "set", "dev", device, "mtu", String.valueOf(mtu));
    }

    public List<Step> undo() {
      return List.of(new SetMtu(device, previous, mtu));
    }
  }

  record AddAddress(String device, String cidr) implements Step {
    public List<String> ipArgs() {
      return List.of("addr", "add", cidr, "dev", device);
    }

    public List<Step> undo() {
      return List.of(new DelAddress(device, cidr));
    }
  }

  record DelAddress(String device, String cidr) implements Step {
    public List<String> ipArgs() {
      return List.of("addr", "del", cidr, "dev", device);
    }

    public List<Step> undo() {
      return List.of(new AddAddress(device, cidr));
    }
  }

  record AddRoute(Route route) implements Step {
    public List<String> ipArgs() {
      return routeArgs("add", route);
    }

    public List<Step> undo() {
      return List.of(new DelRoute(route));
    }
  }

  record DelRoute(Route route) implements Step {
    public List<String> ipArgs() {
      return routeArgs("del", route);
    }

    public List<Step> undo() {
      return List.of(new AddRoute(route));
    }
  }

  /**
   * Deletes a device. {@code recreate} is how to bring it back (create, options, alias, ports), so
   * that a failed teardown can be undone too.
   */
  record DeleteLink(String name, List<Step> recreate) implements Step {
    public List<String> ipArgs() {
      return List.of("link", "del", "dev", name);
    }

    public List<Step> undo() {
      return recreate;
    }
  }

  /** The program of the resolver steps: systemd-resolved's own client, over the system bus. */
  String RESOLVECTL = "resolvectl";

  /**
   * {@code resolvectl dns DEVICE SERVER...}: the interface's name servers in systemd-resolved, in
   * this order; none resets them ({@code resolvectl dns DEVICE ''}). resolvectl looks the name up
   * when it runs, so a replayed step finds a device made again under a new index.
   */
  record SetLinkDns(String device, List<String> servers, List<String> previous) implements Step {
    public SetLinkDns {
      servers = List.copyOf(servers);
      previous = List.copyOf(previous);
    }

    public String program() {
      return RESOLVECTL;
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
      implements Step {
    public SetLinkDomains {
      domains = List.copyOf(domains);
      previous = List.copyOf(previous);
    }

    public String program() {
      return RESOLVECTL;
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
      implements Step {
    public RevertLinkDns {
      previousServers = List.copyOf(previousServers);
      previousDomains = List.copyOf(previousDomains);
    }

    public String program() {
      return RESOLVECTL;
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

  private static List<String> routeArgs(String verb, Route route) {
    List<String> args = new ArrayList<>(List.of("route", verb, route.destination()));
    if (route.gateway() != null) {
      args.addAll(List.of("via", route.gateway()));
    }
    args.addAll(List.of("dev", route.device()));
    if (route.metric() != null) {
      args.addAll(List.of("metric", String.valueOf(route.metric())));
    }
    if (route.protocol() != null && !route.protocol().equals("kernel")) {
      args.addAll(List.of("proto", route.protocol()));
    }
    if (route.scope() != null && !"global".equals(route.scope())) {
      args.addAll(List.of("scope", route.scope()));
    }
    if (route.source() != null) {
      args.addAll(List.of("src", route.source()));
    }
    return args;
  }
}
