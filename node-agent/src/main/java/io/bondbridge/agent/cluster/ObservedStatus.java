package io.bondbridge.agent.cluster;

import static io.bondbridge.api.v1alpha1.Conditions.condition;

import io.bondbridge.agent.host.Address;
import io.bondbridge.agent.host.BondPort;
import io.bondbridge.agent.host.BondState;
import io.bondbridge.agent.host.BridgeVlan;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Link;
import io.bondbridge.agent.host.LinkDns;
import io.bondbridge.agent.plan.DnsSteps;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatus;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatus.BridgeState;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatus.DnsState;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatus.Failover;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatus.PortState;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatus.PortVlans;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatus.VlanState;
import io.bondbridge.api.v1alpha1.Conditions;
import io.bondbridge.api.v1alpha1.NodeVlan;
import io.bondbridge.api.v1alpha1.Phase;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A BondBridgeNode's status as a pure function of the spec, the observed host and the status
 * before. Conditions keep their lastTransitionTime while their status holds, so an unchanged host
 * gives an equal status — that equality is what lets an idle node write nothing.
 */
public final class ObservedStatus {
  public static final String APPLIED = "Applied";
  public static final String PORTS_UP = "PortsUp";

  private ObservedStatus() {}

  /** The spec is on the host: Ready with every port up, else Degraded. */
  public static BondBridgeNodeStatus live(
      BondBridgeNodeSpec spec,
      long generation,
      HostState host,
      BondBridgeNodeStatus previous,
      Failover lastFailover,
      Instant now) {
    String bondName = spec.bond().name();
    BondState bond = host.bond(bondName).orElse(null);
    if (bond == null) {
      String message = bondName + " is not on the host (removed by hand?); the agent puts it back";
      return new BondBridgeNodeStatus(
          Phase.Degraded,
          generation,
          message,
          "BondMissing",
          null,
          null,
          null,
          null,
          "0/0",
          0L,
          lastFailover,
          conditions(
              previous,
              generation,
              now,
              condition(APPLIED, false, "BondMissing", message),
              condition(PORTS_UP, false, "BondMissing", message)),
          null);
    }
    String portsUp = bond.portsUp() + "/" + bond.ports().size();
    List<String> down =
        bond.ports().stream().filter(p -> !p.isUp()).map(BondPort::name).sorted().toList();
    boolean allUp = down.isEmpty() && !bond.ports().isEmpty();
    String active = bond.activePort() == null ? "" : ", active port " + bond.activePort();
    String message =
        allUp
            ? bondName + " up" + active + ", " + portsUp + " ports up"
            : (down.isEmpty() ? "no ports" : String.join(", ", down) + " down")
                + ": "
                + portsUp
                + " ports up on "
                + bondName
                + active;
    return new BondBridgeNodeStatus(
        allUp ? Phase.Ready : Phase.Degraded,
        generation,
        message,
        allUp ? "Applied" : "PortsDown",
        bondState(bond, host),
        bridgeState(spec, host),
        vlanStates(spec, host),
        cidrs(host, spec.topInterface()),
        portsUp,
        bond.linkFailures(),
        lastFailover,
        conditions(
            previous,
            generation,
            now,
            condition(APPLIED, true, "Applied", "generation " + generation + " is on the host"),
            condition(PORTS_UP, allUp, allUp ? "AllPortsUp" : "PortsDown", message)),
        leases(spec, host),
        dnsStates(spec, host));
  }

  /**
   * What systemd-resolved has for each interface whose resolver the spec sets (see {@link
   * DnsSteps}), read back from it; interfaces it has nothing for are left out.
   */
  static List<DnsState> dnsStates(BondBridgeNodeSpec spec, HostState host) {
    List<DnsState> states = new ArrayList<>();
    for (String device : DnsSteps.wanted(spec).keySet()) {
      LinkDns dns = host.resolved().of(device);
      if (!dns.isEmpty() && host.link(device).isPresent()) {
        states.add(new DnsState(device, orNull(dns.servers()), orNull(dns.domains())));
      }
    }
    return orNull(states);
  }

  /** The leases the agent's clients hold on this spec's interfaces, top first. */
  static List<BondBridgeNodeStatus.LeaseState> leases(BondBridgeNodeSpec spec, HostState host) {
    List<String> devices = new java.util.ArrayList<>(List.of(spec.topInterface()));
    spec.vlansOrEmpty().forEach(v -> devices.add(v.topInterface()));
    List<BondBridgeNodeStatus.LeaseState> leases = new java.util.ArrayList<>();
    for (String device : devices) {
      io.bondbridge.agent.host.Lease lease = host.dhcp().leases().get(device);
      if (lease != null) {
        leases.add(
            new BondBridgeNodeStatus.LeaseState(
                device,
                lease.address(),
                lease.server(),
                lease.gateway(),
                lease.expiry() == null ? null : lease.expiry().toString()));
      }
    }
    return leases.isEmpty() ? null : leases;
  }

  /** The agent is changing the host; what it saw before stays in the status meanwhile. */
  public static BondBridgeNodeStatus applying(
      long generation, BondBridgeNodeStatus previous, String message, Instant now) {
    return transitional(Phase.Applying, generation, previous, "Applying", message, now);
  }

  public static BondBridgeNodeStatus tearingDown(
      long generation, BondBridgeNodeStatus previous, String message, Instant now) {
    return transitional(Phase.TearingDown, generation, previous, "TearingDown", message, now);
  }

  /**
   * The spec could not be applied (refused, or a step failed and the host was restored): nothing of
   * it is on the host, so no bond is reported.
   */
  public static BondBridgeNodeStatus failed(
      long generation, BondBridgeNodeStatus previous, String reason, String message, Instant now) {
    return notApplied(Phase.Failed, generation, previous, reason, message, now);
  }

  /** Applied, but a probe that passed before failed after it: the host was restored. */
  public static BondBridgeNodeStatus rolledBack(
      long generation, BondBridgeNodeStatus previous, String reason, String message, Instant now) {
    return notApplied(Phase.RolledBack, generation, previous, reason, message, now);
  }

  private static BondBridgeNodeStatus notApplied(
      Phase phase,
      long generation,
      BondBridgeNodeStatus previous,
      String reason,
      String message,
      Instant now) {
    return new BondBridgeNodeStatus(
        phase,
        generation,
        message,
        reason,
        null,
        null,
        null,
        null,
        null,
        null,
        previous == null ? null : previous.lastFailover(),
        conditions(previous, generation, now, condition(APPLIED, false, reason, message)),
        null);
  }

  private static BondBridgeNodeStatus transitional(
      Phase phase,
      long generation,
      BondBridgeNodeStatus previous,
      String reason,
      String message,
      Instant now) {
    BondBridgeNodeStatus p =
        previous != null
            ? previous
            : new BondBridgeNodeStatus(
                null, null, null, null, null, null, null, null, null, null, null, null, null);
    return new BondBridgeNodeStatus(
        phase,
        generation,
        message,
        reason,
        p.bond(),
        p.bridge(),
        p.vlans(),
        p.addresses(),
        p.portsUp(),
        p.linkFailures(),
        p.lastFailover(),
        conditions(previous, generation, now, condition(APPLIED, false, reason, message)),
        null,
        p.dns());
  }

  static BondBridgeNodeStatus.BondState bondState(BondState bond, HostState host) {
    List<PortState> ports = new ArrayList<>();
    for (BondPort port : bond.ports()) {
      String mac = host.link(port.name()).map(Link::mac).orElse(null);
      String permanent =
          port.permanentMac() != null
              ? port.permanentMac()
              : host.link(port.name()).map(Link::permanentMac).orElse(null);
      ports.add(
          new PortState(
              port.name(),
              mac,
              permanent,
              port.miiStatus(),
              port.linkFailures(),
              port.speedMbps(),
              port.duplex(),
              port.state()));
    }
    return new BondBridgeNodeStatus.BondState(
        bond.name(), bond.mode(), bond.activePort(), bond.miiStatus(), orNull(ports));
  }

  private static BridgeState bridgeState(BondBridgeNodeSpec spec, HostState host) {
    if (spec.bridge() == null) {
      return null;
    }
    String name = spec.bridge().name();
    if (host.link(name).isEmpty()) {
      return new BridgeState(name, null);
    }
    List<String> ports = host.portsOf(name).stream().map(Link::name).toList();
    List<PortVlans> vlans = new ArrayList<>();
    if (spec.bridge().filtersVlans()) {
      // ours only: the bond's port and the bridge itself (the VMs' ports belong to their CNI)
      for (String device : List.of(spec.bond().name(), name)) {
        List<BridgeVlan> table = host.bridgeVlans().get(device);
        if (table != null && (device.equals(name) || ports.contains(device))) {
          vlans.add(portVlans(device, table));
        }
      }
    }
    return new BridgeState(name, orNull(ports), orNull(vlans));
  }

  /** One port's table: its PVID, and its tagged ids folded into ranges ("100-199"). */
  static PortVlans portVlans(String device, List<BridgeVlan> table) {
    Integer pvid =
        table.stream().filter(BridgeVlan::pvid).map(BridgeVlan::id).findFirst().orElse(null);
    List<String> tagged = new ArrayList<>();
    int[] ids = table.stream().filter(v -> !v.pvid()).mapToInt(BridgeVlan::id).sorted().toArray();
    for (int i = 0; i < ids.length; ) {
      int j = i;
      while (j + 1 < ids.length && ids[j + 1] == ids[j] + 1) {
        j++;
      }
      tagged.add(i == j ? String.valueOf(ids[i]) : ids[i] + "-" + ids[j]);
      i = j + 1;
    }
    return new PortVlans(device, pvid, orNull(tagged));
  }

  private static List<VlanState> vlanStates(BondBridgeNodeSpec spec, HostState host) {
    if (spec.vlansOrEmpty().isEmpty()) {
      return null;
    }
    List<VlanState> vlans = new ArrayList<>();
    for (NodeVlan vlan : spec.vlansOrEmpty()) {
      if (host.link(vlan.name()).isPresent()) {
        vlans.add(new VlanState(vlan.name(), vlan.id(), cidrs(host, vlan.topInterface())));
      }
    }
    return orNull(vlans);
  }

  private static List<String> cidrs(HostState host, String device) {
    return orNull(host.addressesOn(device).stream().map(Address::cidr).toList());
  }

  /**
   * An empty list is left out, as the API server drops it: the status read back must equal the one
   * written, or an idle node would write it again and again.
   */
  private static <T> List<T> orNull(List<T> list) {
    return list == null || list.isEmpty() ? null : list;
  }

  private static List<Condition> conditions(
      BondBridgeNodeStatus previous, long generation, Instant now, Condition... conditions) {
    return Conditions.merged(
        previous == null ? null : previous.conditions(), generation, now, List.of(conditions));
  }
}
