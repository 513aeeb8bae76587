package io.bondbridge.api.v1alpha1;

import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

/**
 * Builds a {@link BondBridgeSpec} one component at a time, so code and tests set the parts they
 * care about and leave the rest unset: {@code new BondBridgeSpecBuilder(existing)} copies one to
 * change a few.
 */
public final class BondBridgeSpecBuilder {
  private LabelSelector nodeSelector;
  private Bond bond;
  private List<Vlan> vlans;
  private Bridge bridge;
  private Ipv4 ipv4;
  private Ipv6 ipv6;
  private Rollout rollout;
  private Probes probes;
  private CleanupPolicy cleanup;
  private Boolean adopt;

  public BondBridgeSpecBuilder() {}

  public BondBridgeSpecBuilder(BondBridgeSpec from) {
    this.nodeSelector = from.nodeSelector();
    this.bond = from.bond();
    this.vlans = from.vlans();
    this.bridge = from.bridge();
    this.ipv4 = from.ipv4();
    this.ipv6 = from.ipv6();
    this.rollout = from.rollout();
    this.probes = from.probes();
    this.cleanup = from.cleanup();
    this.adopt = from.adopt();
  }

  public BondBridgeSpecBuilder withNodeSelector(LabelSelector nodeSelector) {
    this.nodeSelector = nodeSelector;
    return this;
  }

  public BondBridgeSpecBuilder withBond(Bond bond) {
    this.bond = bond;
    return this;
  }

  public BondBridgeSpecBuilder withVlans(List<Vlan> vlans) {
    this.vlans = vlans;
    return this;
  }

  public BondBridgeSpecBuilder withBridge(Bridge bridge) {
    this.bridge = bridge;
    return this;
  }

  public BondBridgeSpecBuilder withIpv6(Ipv6 ipv6) {
    this.ipv6 = ipv6;
    return this;
  }

  public BondBridgeSpecBuilder withIpv4(Ipv4 ipv4) {
    this.ipv4 = ipv4;
    return this;
  }

  public BondBridgeSpecBuilder withRollout(Rollout rollout) {
    this.rollout = rollout;
    return this;
  }

  public BondBridgeSpecBuilder withProbes(Probes probes) {
    this.probes = probes;
    return this;
  }

  public BondBridgeSpecBuilder withCleanup(CleanupPolicy cleanup) {
    this.cleanup = cleanup;
    return this;
  }

  public BondBridgeSpecBuilder withAdopt(Boolean adopt) {
    this.adopt = adopt;
    return this;
  }

  public BondBridgeSpec build() {
    return new BondBridgeSpec(
        nodeSelector, bond, vlans, bridge, ipv4, ipv6, rollout, probes, cleanup, adopt);
  }
}
