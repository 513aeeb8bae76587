package io.bondbridge.api.v1alpha1;

import java.util.List;

/**
 * Builds a {@link BondBridgeNodeSpec} one component at a time, so code and tests set the parts they
 * care about and leave the rest unset: {@code new BondBridgeNodeSpecBuilder(existing)} copies one
 * to change a few.
 */
public final class BondBridgeNodeSpecBuilder {
  private String node;
  private String bondBridge;
  private Long bondBridgeGeneration;
  private Bond bond;
  private List<NodeVlan> vlans;
  private Bridge bridge;
  private NodeIpv4 ipv4;
  private NodeIpv6 ipv6;
  private Probes probes;
  private CleanupPolicy cleanup;
  private Boolean adopt;

  public BondBridgeNodeSpecBuilder() {}

  public BondBridgeNodeSpecBuilder(BondBridgeNodeSpec from) {
    this.node = from.node();
    this.bondBridge = from.bondBridge();
    this.bondBridgeGeneration = from.bondBridgeGeneration();
    this.bond = from.bond();
    this.vlans = from.vlans();
    this.bridge = from.bridge();
    this.ipv4 = from.ipv4();
    this.ipv6 = from.ipv6();
    this.probes = from.probes();
    this.cleanup = from.cleanup();
    this.adopt = from.adopt();
  }

  public BondBridgeNodeSpecBuilder withNode(String node) {
    this.node = node;
    return this;
  }

  public BondBridgeNodeSpecBuilder withBondBridge(String bondBridge) {
    this.bondBridge = bondBridge;
    return this;
  }

  public BondBridgeNodeSpecBuilder withBondBridgeGeneration(Long bondBridgeGeneration) {
    this.bondBridgeGeneration = bondBridgeGeneration;
    return this;
  }

  public BondBridgeNodeSpecBuilder withBond(Bond bond) {
    this.bond = bond;
    return this;
  }

  public BondBridgeNodeSpecBuilder withVlans(List<NodeVlan> vlans) {
    this.vlans = vlans;
    return this;
  }

  public BondBridgeNodeSpecBuilder withBridge(Bridge bridge) {
    this.bridge = bridge;
    return this;
  }

  public BondBridgeNodeSpecBuilder withIpv6(NodeIpv6 ipv6) {
    this.ipv6 = ipv6;
    return this;
  }

  public BondBridgeNodeSpecBuilder withIpv4(NodeIpv4 ipv4) {
    this.ipv4 = ipv4;
    return this;
  }

  public BondBridgeNodeSpecBuilder withProbes(Probes probes) {
    this.probes = probes;
    return this;
  }

  public BondBridgeNodeSpecBuilder withCleanup(CleanupPolicy cleanup) {
    this.cleanup = cleanup;
    return this;
  }

  public BondBridgeNodeSpecBuilder withAdopt(Boolean adopt) {
    this.adopt = adopt;
    return this;
  }

  public BondBridgeNodeSpec build() {
    return new BondBridgeNodeSpec(
        node,
        bondBridge,
        bondBridgeGeneration,
        bond,
        vlans,
        bridge,
        ipv4,
        ipv6,
        probes,
        cleanup,
        adopt);
  }
}
