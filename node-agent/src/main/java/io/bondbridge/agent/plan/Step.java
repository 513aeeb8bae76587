package io.bondbridge.agent.plan;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.bondbridge.agent.host.Address;
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
  @JsonSubTypes.Type(Step.SetToken.class),
  @JsonSubTypes.Type(Step.AddBridgeVlans.class),
  @JsonSubTypes.Type(Step.DelBridgeVlans.class),
  @JsonSubTypes.Type(Step.KeepDhcpLease.class),
  @JsonSubTypes.Type(Step.StopDhcpClient.class),
  @JsonSubTypes.Type(Step.ReleaseDhcpLease.class),
  @JsonSubTypes.Type(Step.PauseHostDhcpClient.class),
  @JsonSubTypes.Type(Step.ResumeHostDhcpClient.class),
  @JsonSubTypes.Type(Step.SetLinkDns.class),
  @JsonSubTypes.Type(Step.SetLinkDomains.class),
  @JsonSubTypes.Type(Step.RevertLinkDns.class)
})
public sealed interface Step {

  /** The program of most steps; a step of another one says so in {@link #program()}. */
  String IP = "ip";

  /**
   * The program the step runs: {@code ip} unless the step says otherwise (the bridge VLAN table,
   * which only {@code bridge} sets). Only {@code ip} steps go through the agent's long-lived ip
   * session; any other runs as its own process through the exec seam.
   */
  default String program() {
    return IP;
  }

  /** The arguments after {@link #program()} (named for the common case, {@code ip}). */
  List<String> ipArgs();

  /** The steps that take this one back, in the order to run them. */
  List<Step> undo();

  /** The command as an admin would type it (arguments are never joined for execution). */
  default String describe() {
    return program() + " " + String.join(" ", ipArgs());
  }

  /**
   * Keeps a lease on {@code device}: the agent's dhclient, in the foreground as the agent's child.
   *
   * @param router whether the lease's router becomes the default route (the top interface only)
   */
  record KeepDhcpLease(String device, boolean router) implements Step {
    public String program() {
      return "dhclient";
    }

    public List<String> ipArgs() {
      return List.of("-4", "-d", "-e", "BONDBRIDGE_ROUTER=" + (router ? "yes" : "no"), device);
    }

    public List<Step> undo() {
      return List.of(new StopDhcpClient(device, router));
    }
  }

  /** Stops the agent's client on {@code device}; the address stays for the next client. */
  record StopDhcpClient(String device, boolean router) implements Step {
    public String program() {
      return "dhclient";
    }

    public List<String> ipArgs() {
      return List.of("-4", "-x", device);
    }

    public List<Step> undo() {
      return List.of(new KeepDhcpLease(device, router));
    }
  }

  /** Stops the agent's client on {@code device} and gives the lease back; the address goes. */
  record ReleaseDhcpLease(String device, boolean router) implements Step {
    public String program() {
      return "dhclient";
    }

    public List<String> ipArgs() {
      return List.of("-4", "-r", device);
    }

    public List<Step> undo() {
      return List.of(new KeepDhcpLease(device, router));
    }
  }

  /** Pauses the host's own DHCP client on {@code port} (SIGSTOP): it cannot renew onto the port. */
  record PauseHostDhcpClient(long pid, String port) implements Step {
    public String program() {
      return "kill";
    }

    public List<String> ipArgs() {
      return List.of("-STOP", String.valueOf(pid));
    }

    public List<Step> undo() {
      return List.of(new ResumeHostDhcpClient(pid, port));
    }
  }

  /** Lets the host's own DHCP client on {@code port} go on (SIGCONT): the port's lease is its. */
  record ResumeHostDhcpClient(long pid, String port) implements Step {
    public String program() {
      return "kill";
    }

    public List<String> ipArgs() {
      return List.of("-CONT", String.valueOf(pid));
    }

    public List<Step> undo() {
      return List.of(new PauseHostDhcpClient(pid, port));
    }
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

  /**
   * {@code ip addr add CIDR dev DEVICE}. An IPv6 address with lifetimes (SLAAC, or set by a daemon)
   * keeps them and its flags, and is added with {@code replace}: the kernel may have made the same
   * address from a router advertisement a moment before, and then only its lifetimes change.
   *
   * @param validLifetime seconds, or null for forever
   * @param flags among {@link Address#SETTABLE_FLAGS}, and nodad
   */
  record AddAddress(
      String device, String cidr, Long validLifetime, Long preferredLifetime, List<String> flags)
      implements Step {
    public AddAddress {
      flags = flags == null ? List.of() : List.copyOf(flags);
    }

    public AddAddress(String device, String cidr) {
      this(device, cidr, null, null, List.of());
    }

    /**
     * Adds the address as observed: an IPv6 one with its lifetimes and flags, and {@code nodad}: it
     * is moving between two interfaces on one link and passed duplicate address detection there
     * already; detecting it again would keep it from answering for a second.
     */
    public static AddAddress of(Address address) {
      if (!address.isIpv6()) {
        return new AddAddress(address.device(), address.cidr());
      }
      List<String> flags = new ArrayList<>(address.settableFlags());
      flags.add("nodad");
      return new AddAddress(
          address.device(),
          address.cidr(),
          address.validLifetime(),
          address.preferredLifetime(),
          flags);
    }

    public List<String> ipArgs() {
      return addressArgs(
          validLifetime != null ? "replace" : "add",
          device,
          cidr,
          validLifetime,
          preferredLifetime,
          flags);
    }

    public List<Step> undo() {
      return List.of(new DelAddress(device, cidr, validLifetime, preferredLifetime, flags));
    }
  }

  /**
   * {@code ip addr del CIDR dev DEVICE}; what an {@link AddAddress} needs to put it back as it was
   * (IPv6 lifetimes and flags) rides along.
   */
  record DelAddress(
      String device, String cidr, Long validLifetime, Long preferredLifetime, List<String> flags)
      implements Step {
    public DelAddress {
      flags = flags == null ? List.of() : List.copyOf(flags);
    }

    public DelAddress(String device, String cidr) {
      this(device, cidr, null, null, List.of());
    }

    /** Deletes the address as observed; undo adds it back with its lifetimes and flags. */
    public static DelAddress of(Address address) {
      AddAddress add = AddAddress.of(address);
      return new DelAddress(
          add.device(), add.cidr(), add.validLifetime(), add.preferredLifetime(), add.flags());
    }

    public List<String> ipArgs() {
      return List.of("addr", "del", cidr, "dev", device);
    }

    public List<Step> undo() {
      return List.of(new AddAddress(device, cidr, validLifetime, preferredLifetime, flags));
    }
  }

  /**
   * {@code ip token set ::IID/64 dev DEVICE}: the interface identifier SLAAC uses on this interface
   * for every /64 prefix a router advertises, instead of one made from the MAC (EUI-64) or a secret
   * (stable privacy). Set to the identifier of an inherited SLAAC address, the router's next
   * advertisement refreshes that very address. A null token deletes it ({@code ip token del}).
   */
  record SetToken(String device, String token) implements Step {
    public List<String> ipArgs() {
      return token == null
          ? List.of("token", "del", "dev", device)
          : List.of("token", "set", token, "dev", device);
    }

    public List<Step> undo() {
      return List.of(new SetToken(device, null));
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

  private static List<String> addressArgs(
      String verb,
      String device,
      String cidr,
      Long validLifetime,
      Long preferredLifetime,
      List<String> flags) {
    List<String> args = new ArrayList<>(List.of("addr", verb, cidr, "dev", device));
    if (validLifetime != null) {
      args.addAll(List.of("valid_lft", String.valueOf(validLifetime)));
      args.addAll(
          List.of(
              "preferred_lft",
              preferredLifetime == null ? "forever" : preferredLifetime.toString()));
    }
    args.addAll(flags);
    return args;
  }

  /**
   * {@code bridge vlan add dev DEVICE vid FIRST[-LAST] [pvid] [untagged] [self]}: VLANs of a port
   * of a VLAN-filtering bridge, or of the bridge itself ({@code self}). Adding an id that is there
   * already sets its flags anew. {@code undo} puts the entries back as they were observed.
   */
  record AddBridgeVlans(
      String device,
      int first,
      int last,
      boolean pvid,
      boolean untagged,
      boolean self,
      List<Step> undo)
      implements Step {
    public String program() {
      return "bridge";
    }

    public List<String> ipArgs() {
      List<String> args =
          new ArrayList<>(List.of("vlan", "add", "dev", device, "vid", vids(first, last)));
      if (pvid) {
        args.add("pvid");
      }
      if (untagged) {
        args.add("untagged");
      }
      if (self) {
        args.add("self");
      }
      return args;
    }
  }

  /** {@code bridge vlan del dev DEVICE vid FIRST[-LAST] [self]}; {@code undo} as observed. */
  record DelBridgeVlans(String device, int first, int last, boolean self, List<Step> undo)
      implements Step {
    public String program() {
      return "bridge";
    }

    public List<String> ipArgs() {
      List<String> args =
          new ArrayList<>(List.of("vlan", "del", "dev", device, "vid", vids(first, last)));
      if (self) {
        args.add("self");
      }
      return args;
    }
  }

  private static String vids(int first, int last) {
    return first == last ? String.valueOf(first) : first + "-" + last;
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
