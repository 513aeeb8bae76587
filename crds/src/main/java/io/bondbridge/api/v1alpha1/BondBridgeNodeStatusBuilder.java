package io.bondbridge.api.v1alpha1;

import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/**
 * Builds a {@link BondBridgeNodeStatus} one component at a time, so code and tests set the parts
 * they care about and leave the rest unset: {@code new BondBridgeNodeStatusBuilder(existing)}
 * copies one to change a few.
 */
public final class BondBridgeNodeStatusBuilder {
  private Phase phase;
  private Long observedGeneration;
  private String message;
  private String reason;
  private BondBridgeNodeStatus.BondState bond;
  private BondBridgeNodeStatus.BridgeState bridge;
  private List<BondBridgeNodeStatus.VlanState> vlans;
  private List<String> addresses;
  private String portsUp;
  private Long linkFailures;
  private BondBridgeNodeStatus.Failover lastFailover;
  private List<Condition> conditions;
  private List<BondBridgeNodeStatus.LeaseState> leases;
  private List<BondBridgeNodeStatus.DnsState> dns;
  private NodeDrill drill;

  public BondBridgeNodeStatusBuilder() {}

  public BondBridgeNodeStatusBuilder(BondBridgeNodeStatus from) {
    this.phase = from.phase();
    this.observedGeneration = from.observedGeneration();
    this.message = from.message();
    this.reason = from.reason();
    this.bond = from.bond();
    this.bridge = from.bridge();
    this.vlans = from.vlans();
    this.addresses = from.addresses();
    this.portsUp = from.portsUp();
    this.linkFailures = from.linkFailures();
    this.lastFailover = from.lastFailover();
    this.conditions = from.conditions();
    this.leases = from.leases();
    this.dns = from.dns();
    this.drill = from.drill();
  }

  public BondBridgeNodeStatusBuilder withPhase(Phase phase) {
    this.phase = phase;
    return this;
  }

  public BondBridgeNodeStatusBuilder withObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
    return this;
  }

  public BondBridgeNodeStatusBuilder withMessage(String message) {
    this.message = message;
    return this;
  }

  public BondBridgeNodeStatusBuilder withReason(String reason) {
    this.reason = reason;
    return this;
  }

  public BondBridgeNodeStatusBuilder withBond(BondBridgeNodeStatus.BondState bond) {
    this.bond = bond;
    return this;
  }

  public BondBridgeNodeStatusBuilder withBridge(BondBridgeNodeStatus.BridgeState bridge) {
    this.bridge = bridge;
    return this;
  }

  public BondBridgeNodeStatusBuilder withVlans(List<BondBridgeNodeStatus.VlanState> vlans) {
    this.vlans = vlans;
    return this;
  }

  public BondBridgeNodeStatusBuilder withAddresses(List<String> addresses) {
    this.addresses = addresses;
    return this;
  }

  public BondBridgeNodeStatusBuilder withPortsUp(String portsUp) {
    this.portsUp = portsUp;
    return this;
  }

  public BondBridgeNodeStatusBuilder withLinkFailures(Long linkFailures) {
    this.linkFailures = linkFailures;
    return this;
  }

  public BondBridgeNodeStatusBuilder withLastFailover(BondBridgeNodeStatus.Failover lastFailover) {
    this.lastFailover = lastFailover;
    return this;
  }

  public BondBridgeNodeStatusBuilder withDns(List<BondBridgeNodeStatus.DnsState> dns) {
    this.dns = dns;
    return this;
  }

  public BondBridgeNodeStatusBuilder withConditions(List<Condition> conditions) {
    this.conditions = conditions;
    return this;
  }

  public BondBridgeNodeStatusBuilder withLeases(List<BondBridgeNodeStatus.LeaseState> leases) {
    this.leases = leases;
    return this;
  }

  public BondBridgeNodeStatusBuilder withDrill(NodeDrill drill) {
    this.drill = drill;
    return this;
  }

  public BondBridgeNodeStatus build() {
    return new BondBridgeNodeStatus(
        phase,
        observedGeneration,
        message,
        reason,
        bond,
        bridge,
        vlans,
        addresses,
        portsUp,
        linkFailures,
        lastFailover,
        conditions,
        leases,
        dns,
        drill);
  }
}
