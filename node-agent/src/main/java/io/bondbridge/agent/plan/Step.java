package io.bondbridge.agent.plan;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * One change to the host, as one {@code ip} command, with the steps that undo it. The planner fills
 * in what the undo needs (the previous master, option values, ...) from the observed host, so a
 * failed apply can walk back without reading the host again. Steps are values: they can be printed
 * ({@code plan}), journaled and replayed.
 *
 * <p>The steps come in families, one file each, by what they change: {@link LinkStep}, {@link
 * AddressStep}, {@link RouteStep}, {@link BridgeVlanStep}, {@link DhcpStep} and {@link DnsStep}. A
 * journal names a step by its simple name only, so a family can be regrouped without breaking a
 * checkpoint written before.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, property = "step")
@JsonSubTypes({
  @JsonSubTypes.Type(LinkStep.CreateBond.class),
  @JsonSubTypes.Type(LinkStep.SetBondOptions.class),
  @JsonSubTypes.Type(LinkStep.CreateBridge.class),
  @JsonSubTypes.Type(LinkStep.SetBridgeOptions.class),
  @JsonSubTypes.Type(LinkStep.CreateVlan.class),
  @JsonSubTypes.Type(LinkStep.SetAlias.class),
  @JsonSubTypes.Type(LinkStep.SetMaster.class),
  @JsonSubTypes.Type(LinkStep.SetLinkState.class),
  @JsonSubTypes.Type(LinkStep.SetMtu.class),
  @JsonSubTypes.Type(AddressStep.AddAddress.class),
  @JsonSubTypes.Type(AddressStep.DelAddress.class),
  @JsonSubTypes.Type(RouteStep.AddRoute.class),
  @JsonSubTypes.Type(RouteStep.DelRoute.class),
  @JsonSubTypes.Type(LinkStep.DeleteLink.class),
  @JsonSubTypes.Type(AddressStep.SetToken.class),
  @JsonSubTypes.Type(AddressStep.MakeAddressPermanent.class),
  @JsonSubTypes.Type(BridgeVlanStep.AddBridgeVlans.class),
  @JsonSubTypes.Type(BridgeVlanStep.DelBridgeVlans.class),
  @JsonSubTypes.Type(DhcpStep.KeepDhcpLease.class),
  @JsonSubTypes.Type(DhcpStep.StopDhcpClient.class),
  @JsonSubTypes.Type(DhcpStep.ReleaseDhcpLease.class),
  @JsonSubTypes.Type(DhcpStep.PauseHostDhcpClient.class),
  @JsonSubTypes.Type(DhcpStep.ResumeHostDhcpClient.class),
  @JsonSubTypes.Type(DnsStep.SetLinkDns.class),
  @JsonSubTypes.Type(DnsStep.SetLinkDomains.class),
  @JsonSubTypes.Type(DnsStep.RevertLinkDns.class)
})
public sealed interface Step
    permits LinkStep, AddressStep, RouteStep, BridgeVlanStep, DhcpStep, DnsStep {

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
}
