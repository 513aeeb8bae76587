package io.bondbridge.agent.host;

/**
 * An IPv4 address on an interface.
 *
 * @param cidr address with prefix length, e.g. 192.168.1.100/24
 * @param dynamic true for a lease (finite valid lifetime, e.g. from DHCP)
 */
public record Address(String device, String cidr, boolean dynamic) {

  public String ip() {
    return cidr.substring(0, cidr.indexOf('/'));
  }
}
