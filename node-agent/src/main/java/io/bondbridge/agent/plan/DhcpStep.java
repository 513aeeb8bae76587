package io.bondbridge.agent.plan;

import java.util.List;

/** The steps on DHCP clients: the agent's dhclient on our interfaces, and the host's own one. */
public sealed interface DhcpStep extends Step {

  /**
   * Keeps a lease on {@code device}: the agent's dhclient, in the foreground as the agent's child.
   *
   * @param router whether the lease's router becomes the default route (the top interface only;
   *     DHCPv6 has no router: IPv6 routes come from router advertisements)
   * @param ipv6 a DHCPv6 client ({@code dhclient -6}) rather than a DHCPv4 one
   */
  record KeepDhcpLease(String device, boolean router, boolean ipv6) implements DhcpStep {
    /** A DHCPv4 client (and what a journal written before DHCPv6 holds). */
    public KeepDhcpLease(String device, boolean router) {
      this(device, router, false);
    }

    public String program() {
      return "dhclient";
    }

    public List<String> ipArgs() {
      return List.of(
          family(ipv6), "-d", "-e", "BONDBRIDGE_ROUTER=" + (router ? "yes" : "no"), device);
    }

    public List<Step> undo() {
      return List.of(new StopDhcpClient(device, router, ipv6));
    }
  }

  /** Stops the agent's client on {@code device}; the address stays for the next client. */
  record StopDhcpClient(String device, boolean router, boolean ipv6) implements DhcpStep {
    public StopDhcpClient(String device, boolean router) {
      this(device, router, false);
    }

    public String program() {
      return "dhclient";
    }

    public List<String> ipArgs() {
      return List.of(family(ipv6), "-x", device);
    }

    public List<Step> undo() {
      return List.of(new KeepDhcpLease(device, router, ipv6));
    }
  }

  /** Stops the agent's client on {@code device} and gives the lease back; the address goes. */
  record ReleaseDhcpLease(String device, boolean router, boolean ipv6) implements DhcpStep {
    public ReleaseDhcpLease(String device, boolean router) {
      this(device, router, false);
    }

    public String program() {
      return "dhclient";
    }

    public List<String> ipArgs() {
      return List.of(family(ipv6), "-r", device);
    }

    public List<Step> undo() {
      return List.of(new KeepDhcpLease(device, router, ipv6));
    }
  }

  private static String family(boolean ipv6) {
    return ipv6 ? "-6" : "-4";
  }

  /** Pauses the host's own DHCP client on {@code port} (SIGSTOP): it cannot renew onto the port. */
  record PauseHostDhcpClient(long pid, String port) implements DhcpStep {
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
  record ResumeHostDhcpClient(long pid, String port) implements DhcpStep {
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
}
