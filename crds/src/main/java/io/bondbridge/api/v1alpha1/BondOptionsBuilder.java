package io.bondbridge.api.v1alpha1;

import java.util.List;

/**
 * Builds a {@link BondOptions} one component at a time, so code and tests set the parts they care
 * about and leave the rest unset: {@code new BondOptionsBuilder(existing)} copies one to change a
 * few.
 */
public final class BondOptionsBuilder {
  private Integer miimon;
  private Integer updelay;
  private Integer downdelay;
  private Integer peerNotifyDelay;
  private Boolean useCarrier;
  private Integer arpInterval;
  private List<String> arpIpTargets;
  private List<String> nsIp6Targets;
  private BondOptions.ArpValidate arpValidate;
  private BondOptions.ArpAllTargets arpAllTargets;
  private Integer arpMissedMax;
  private BondOptions.PrimaryReselect primaryReselect;
  private BondOptions.FailOverMac failOverMac;
  private BondOptions.XmitHashPolicy xmitHashPolicy;
  private Integer resendIgmp;
  private Integer numGratArp;
  private Integer numUnsolNa;
  private Boolean allSlavesActive;
  private Integer minLinks;
  private Integer lpInterval;
  private Integer packetsPerSlave;
  private Boolean tlbDynamicLb;
  private BondOptions.LacpRate lacpRate;
  private Boolean lacpActive;
  private BondOptions.AdSelect adSelect;
  private Integer adUserPortKey;
  private Integer adActorSysPrio;
  private String adActorSystem;

  public BondOptionsBuilder() {}

  public BondOptionsBuilder(BondOptions from) {
    this.miimon = from.miimon();
    this.updelay = from.updelay();
    this.downdelay = from.downdelay();
    this.peerNotifyDelay = from.peerNotifyDelay();
    this.useCarrier = from.useCarrier();
    this.arpInterval = from.arpInterval();
    this.arpIpTargets = from.arpIpTargets();
    this.nsIp6Targets = from.nsIp6Targets();
    this.arpValidate = from.arpValidate();
    this.arpAllTargets = from.arpAllTargets();
    this.arpMissedMax = from.arpMissedMax();
    this.primaryReselect = from.primaryReselect();
    this.failOverMac = from.failOverMac();
    this.xmitHashPolicy = from.xmitHashPolicy();
    this.resendIgmp = from.resendIgmp();
    this.numGratArp = from.numGratArp();
    this.numUnsolNa = from.numUnsolNa();
    this.allSlavesActive = from.allSlavesActive();
    this.minLinks = from.minLinks();
    this.lpInterval = from.lpInterval();
    this.packetsPerSlave = from.packetsPerSlave();
    this.tlbDynamicLb = from.tlbDynamicLb();
    this.lacpRate = from.lacpRate();
    this.lacpActive = from.lacpActive();
    this.adSelect = from.adSelect();
    this.adUserPortKey = from.adUserPortKey();
    this.adActorSysPrio = from.adActorSysPrio();
    this.adActorSystem = from.adActorSystem();
  }

  public BondOptionsBuilder withMiimon(Integer miimon) {
    this.miimon = miimon;
    return this;
  }

  public BondOptionsBuilder withUpdelay(Integer updelay) {
    this.updelay = updelay;
    return this;
  }

  public BondOptionsBuilder withDowndelay(Integer downdelay) {
    this.downdelay = downdelay;
    return this;
  }

  public BondOptionsBuilder withPeerNotifyDelay(Integer peerNotifyDelay) {
    this.peerNotifyDelay = peerNotifyDelay;
    return this;
  }

  public BondOptionsBuilder withUseCarrier(Boolean useCarrier) {
    this.useCarrier = useCarrier;
    return this;
  }

  public BondOptionsBuilder withArpInterval(Integer arpInterval) {
    this.arpInterval = arpInterval;
    return this;
  }

  public BondOptionsBuilder withArpIpTargets(List<String> arpIpTargets) {
    this.arpIpTargets = arpIpTargets;
    return this;
  }

  public BondOptionsBuilder withNsIp6Targets(List<String> nsIp6Targets) {
    this.nsIp6Targets = nsIp6Targets;
    return this;
  }

  public BondOptionsBuilder withArpValidate(BondOptions.ArpValidate arpValidate) {
    this.arpValidate = arpValidate;
    return this;
  }

  public BondOptionsBuilder withArpAllTargets(BondOptions.ArpAllTargets arpAllTargets) {
    this.arpAllTargets = arpAllTargets;
    return this;
  }

  public BondOptionsBuilder withArpMissedMax(Integer arpMissedMax) {
    this.arpMissedMax = arpMissedMax;
    return this;
  }

  public BondOptionsBuilder withPrimaryReselect(BondOptions.PrimaryReselect primaryReselect) {
    this.primaryReselect = primaryReselect;
    return this;
  }

  public BondOptionsBuilder withFailOverMac(BondOptions.FailOverMac failOverMac) {
    this.failOverMac = failOverMac;
    return this;
  }

  public BondOptionsBuilder withXmitHashPolicy(BondOptions.XmitHashPolicy xmitHashPolicy) {
    this.xmitHashPolicy = xmitHashPolicy;
    return this;
  }

  public BondOptionsBuilder withResendIgmp(Integer resendIgmp) {
    this.resendIgmp = resendIgmp;
    return this;
  }

  public BondOptionsBuilder withNumGratArp(Integer numGratArp) {
    this.numGratArp = numGratArp;
    return this;
  }

  public BondOptionsBuilder withNumUnsolNa(Integer numUnsolNa) {
    this.numUnsolNa = numUnsolNa;
    return this;
  }

  public BondOptionsBuilder withAllSlavesActive(Boolean allSlavesActive) {
    this.allSlavesActive = allSlavesActive;
    return this;
  }

  public BondOptionsBuilder withMinLinks(Integer minLinks) {
    this.minLinks = minLinks;
    return this;
  }

  public BondOptionsBuilder withLpInterval(Integer lpInterval) {
    this.lpInterval = lpInterval;
    return this;
  }

  public BondOptionsBuilder withPacketsPerSlave(Integer packetsPerSlave) {
    this.packetsPerSlave = packetsPerSlave;
    return this;
  }

  public BondOptionsBuilder withTlbDynamicLb(Boolean tlbDynamicLb) {
    this.tlbDynamicLb = tlbDynamicLb;
    return this;
  }

  public BondOptionsBuilder withLacpRate(BondOptions.LacpRate lacpRate) {
    this.lacpRate = lacpRate;
    return this;
  }

  public BondOptionsBuilder withLacpActive(Boolean lacpActive) {
    this.lacpActive = lacpActive;
    return this;
  }

  public BondOptionsBuilder withAdSelect(BondOptions.AdSelect adSelect) {
    this.adSelect = adSelect;
    return this;
  }

  public BondOptionsBuilder withAdUserPortKey(Integer adUserPortKey) {
    this.adUserPortKey = adUserPortKey;
    return this;
  }

  public BondOptionsBuilder withAdActorSysPrio(Integer adActorSysPrio) {
    this.adActorSysPrio = adActorSysPrio;
    return this;
  }

  public BondOptionsBuilder withAdActorSystem(String adActorSystem) {
    this.adActorSystem = adActorSystem;
    return this;
  }

  public BondOptions build() {
    return new BondOptions(
        miimon,
        updelay,
        downdelay,
        peerNotifyDelay,
        useCarrier,
        arpInterval,
        arpIpTargets,
        nsIp6Targets,
        arpValidate,
        arpAllTargets,
        arpMissedMax,
        primaryReselect,
        failOverMac,
        xmitHashPolicy,
        resendIgmp,
        numGratArp,
        numUnsolNa,
        allSlavesActive,
        minLinks,
        lpInterval,
        packetsPerSlave,
        tlbDynamicLb,
        lacpRate,
        lacpActive,
        adSelect,
        adUserPortKey,
        adActorSysPrio,
        adActorSystem);
  }
}
