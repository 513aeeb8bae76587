package io.bondbridge.agent.dhcp;

import java.util.List;

/**
 * The command lines of ISC dhclient for one interface, every file in {@link LeaseFiles} (nothing
 * under / is written, which is read-only in the agent's pod). Chosen over dhcpcd, whose database
 * and run directories are compiled in and whose privilege separation needs chroot and setuid, and
 * over busybox udhcpc, which keeps no lease across a restart and, on veth at least, never took the
 * server's offer. The client needs CAP_NET_RAW (its packet socket) and CAP_NET_BIND_SERVICE (UDP
 * port 68 for unicast renewals), beside the agent's CAP_NET_ADMIN for the hook's {@code ip}.
 *
 * @param program dhclient's path, or a stand-in in a test
 */
public record Dhclient(String program, LeaseFiles files) {
  /** The argument that asks the hook for the lease's default route (see {@link #keep}). */
  static final String ROUTER_YES = "BONDBRIDGE_ROUTER=yes";

  public static Dhclient of(LeaseFiles files) {
    return new Dhclient("dhclient", files);
  }

  /** {@code -4} or {@code -6}: which protocol the client speaks, as its files say. */
  public String family() {
    return files.ipv6() ? "-6" : "-4";
  }

  /**
   * Keeps a lease on {@code device}: runs in the foreground (the agent's child, so its exit is an
   * event) and for as long as it runs, asking for the lease in its lease file first.
   *
   * @param router whether the lease's router becomes the default route (the top interface only)
   */
  public List<String> keep(String device, boolean router) {
    return List.of(
        program,
        family(),
        "-d",
        "-cf",
        files.conf().toString(),
        "-sf",
        files.hook().toString(),
        "-lf",
        files.leases(device).toString(),
        "-pf",
        files.pid(device).toString(),
        "-e",
        "BONDBRIDGE_LEASE=" + files.summary(device),
        "-e",
        router ? ROUTER_YES : "BONDBRIDGE_ROUTER=no",
        device);
  }

  /**
   * Stops the running client (by its pid file) and gives the lease back to the server: the hook
   * removes the address.
   */
  public List<String> release(String device) {
    return List.of(
        program,
        family(),
        "-r",
        "-cf",
        files.conf().toString(),
        "-sf",
        files.hook().toString(),
        "-lf",
        files.leases(device).toString(),
        "-pf",
        files.pid(device).toString(),
        "-e",
        "BONDBRIDGE_LEASE=" + files.summary(device),
        device);
  }
}
