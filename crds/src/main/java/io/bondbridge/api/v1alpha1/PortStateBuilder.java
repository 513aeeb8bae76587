package io.bondbridge.api.v1alpha1;

/**
 * Builds a {@link BondBridgeNodeStatus.PortState} one component at a time, so code and tests set
 * the parts they care about and leave the rest unset: {@code new PortStateBuilder(existing)} copies
 * one to change a few.
 */
public final class PortStateBuilder {
  private String name;
  private String mac;
  private String permanentMac;
  private String miiStatus;
  private Long linkFailures;
  private Integer speedMbps;
  private String duplex;
  private String state;
  private String manager;

  public PortStateBuilder() {}

  public PortStateBuilder(BondBridgeNodeStatus.PortState from) {
    this.name = from.name();
    this.mac = from.mac();
    this.permanentMac = from.permanentMac();
    this.miiStatus = from.miiStatus();
    this.linkFailures = from.linkFailures();
    this.speedMbps = from.speedMbps();
    this.duplex = from.duplex();
    this.state = from.state();
    this.manager = from.manager();
  }

  public PortStateBuilder withName(String name) {
    this.name = name;
    return this;
  }

  public PortStateBuilder withMac(String mac) {
    this.mac = mac;
    return this;
  }

  public PortStateBuilder withPermanentMac(String permanentMac) {
    this.permanentMac = permanentMac;
    return this;
  }

  public PortStateBuilder withMiiStatus(String miiStatus) {
    this.miiStatus = miiStatus;
    return this;
  }

  public PortStateBuilder withLinkFailures(Long linkFailures) {
    this.linkFailures = linkFailures;
    return this;
  }

  public PortStateBuilder withSpeedMbps(Integer speedMbps) {
    this.speedMbps = speedMbps;
    return this;
  }

  public PortStateBuilder withDuplex(String duplex) {
    this.duplex = duplex;
    return this;
  }

  public PortStateBuilder withState(String state) {
    this.state = state;
    return this;
  }

  public PortStateBuilder withManager(String manager) {
    this.manager = manager;
    return this;
  }

  public BondBridgeNodeStatus.PortState build() {
    return new BondBridgeNodeStatus.PortState(
        name, mac, permanentMac, miiStatus, linkFailures, speedMbps, duplex, state, manager);
  }
}
