package io.bondbridge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** What the agent observed on its host. Written by that node's agent only. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BondBridgeNodeStatus(
    @JsonPropertyDescription(
            "Pending, Applying, Ready, Degraded, Failed, RolledBack or TearingDown.")
        Phase phase,
    @JsonPropertyDescription("The metadata.generation of this BondBridgeNode last acted on.")
        @Min(0)
        Long observedGeneration,
    @JsonPropertyDescription("What happened last, in words; the reason of a failure.")
        String message,
    @JsonPropertyDescription("Machine-readable reason of the phase, e.g. PortNotFound.")
        String reason,
    @JsonPropertyDescription("The bond as the kernel reports it.") BondState bond,
    @JsonPropertyDescription("The bridge on the bond, as the kernel reports it.")
        BridgeState bridge,
    @JsonPropertyDescription("VLAN interfaces on the bond.") List<VlanState> vlans,
    @JsonPropertyDescription(
            "IPv4 and IPv6 addresses on the top interface (IPv6 link-local ones left out), e.g."
                + " 192.168.1.100/24, 2001:db8:1::2/64.")
        List<String> addresses,
    @JsonPropertyDescription("Ports with MII status up over all ports, e.g. 2/2.") String portsUp,
    @JsonPropertyDescription("Sum of the ports' link failure counts.") @Min(0) Long linkFailures,
    @JsonPropertyDescription("The last change of active port.") Failover lastFailover,
    @JsonPropertyDescription("Conditions, e.g. Applied, PortsUp, Probed.")
        @SchemaFrom(type = SchemaDocs.Condition[].class)
        List<Condition> conditions,
    @JsonPropertyDescription(
            "DHCP leases the agent's clients hold on this node's interfaces: DHCPv4 (ipv4.mode"
                + " dhcp, or inherit of a leased address) and DHCPv6 (ipv6.mode auto, where the"
                + " link has a DHCPv6 server).")
        @Size(max = 130)
        List<LeaseState> leases,
    @JsonPropertyDescription(
            "The resolver settings systemd-resolved has for this node's interfaces with ipv4.mode"
                + " static (ipv4.dns), as read back from it.")
        @Size(max = 65)
        List<DnsState> dns,
    @JsonPropertyDescription(
            "The last failover drill a BondBridgeDrill asked of this node (the"
                + " bondbridge.io/drill annotation), with each port's figures.")
        NodeDrill drill) {

  /** The bond as in /proc/net/bonding/<bond>. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record BondState(
      @JsonPropertyDescription("Bond interface name.") String name,
      @JsonPropertyDescription("Bonding mode.") String mode,
      @JsonPropertyDescription("Currently Active Slave.") String activePort,
      @JsonPropertyDescription("MII Status of the bond: up or down.") String miiStatus,
      @JsonPropertyDescription("The bond's ports.") List<PortState> ports) {}

  /** One port as in /proc/net/bonding/<bond>. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PortState(
      @JsonPropertyDescription("Port interface name.") String name,
      @JsonPropertyDescription("Current MAC address.") String mac,
      @JsonPropertyDescription("Permanent HW addr.") String permanentMac,
      @JsonPropertyDescription("MII Status: up or down.") String miiStatus,
      @JsonPropertyDescription("Link Failure Count.") @Min(0) Long linkFailures,
      @JsonPropertyDescription("Speed in Mbit/s, where the driver reports it.")
          @Min(0)
          @Max(2147483647)
          Integer speedMbps,
      @JsonPropertyDescription("Duplex: full or half, where the driver reports it.") String duplex,
      @JsonPropertyDescription("active or backup.") String state,
      @JsonPropertyDescription(
              "The host's network manager found for this port, and what it does with it, e.g."
                  + " 'systemd-networkd: unmanaged' once handed over. Absent where none was found:"
                  + " ifupdown runs no daemon, NetworkManager is not detected yet.")
          String manager) {}

  /** The bridge and its ports. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record BridgeState(
      @JsonPropertyDescription("Bridge interface name.") String name,
      @JsonPropertyDescription("Its ports.") List<String> ports,
      @JsonPropertyDescription(
              "The VLAN table of a VLAN-filtering bridge (bridge vlan show): one entry for each"
                  + " port and one for the bridge itself.")
          List<PortVlans> vlans) {
    public BridgeState(String name, List<String> ports) {
      this(name, ports, null);
    }
  }

  /** The VLANs of one port of a VLAN-filtering bridge, as {@code bridge vlan show} lists them. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PortVlans(
      @JsonPropertyDescription("The port, or the bridge's own name for the bridge itself.")
          String port,
      @JsonPropertyDescription("Its untagged VLAN (PVID), if it has one.") @Min(1) @Max(4094)
          Integer pvid,
      @JsonPropertyDescription("Its tagged VLANs, ids and ranges, e.g. 10, 20-29.")
          List<String> tagged) {}

  /** A VLAN interface. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record VlanState(
      @JsonPropertyDescription("Interface name.") String name,
      @JsonPropertyDescription("VLAN id, 1-4094.") @Min(1) @Max(4094) Integer id,
      @JsonPropertyDescription("Addresses on it (or its bridge).") List<String> addresses) {}

  /** A DHCP lease, as the agent's client last bound or renewed it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record LeaseState(
      @JsonProperty("interface") @JsonPropertyDescription("The interface that holds it, e.g. br0.")
          String interfaceName,
      @JsonPropertyDescription(
              "The leased address with prefix length, e.g. 192.168.1.100/24 or"
                  + " 2001:db8:1::1e4/128 (a DHCPv6 address is a /128: its prefix comes from"
                  + " router advertisements).")
          String address,
      @JsonPropertyDescription(
              "The DHCP server that gave it: a DHCPv4 server's identifier (its address), a"
                  + " DHCPv6 server's DUID.")
          String server,
      @JsonPropertyDescription("The router the lease names, if any.") String gateway,
      @JsonPropertyDescription("When it expires unless renewed (RFC 3339), if known.")
          String expiry) {}

  /** What systemd-resolved has for one interface: its per-link name servers and domains. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DnsState(
      @JsonProperty("interface") @JsonPropertyDescription("The interface, e.g. br0.")
          String interfaceName,
      @JsonPropertyDescription("Its name servers, in resolved's order.") List<String> nameservers,
      @JsonPropertyDescription("Its search domains.") List<String> search) {}

  /** A change of active port. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Failover(
      @JsonPropertyDescription("When the agent saw it (RFC 3339).") String time,
      @JsonPropertyDescription("The port active before.") String from,
      @JsonPropertyDescription("The port active after.") String to) {}
}
