package io.bondbridge.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The test lab on a real kernel (inside the VM, see vm/): "NICs" eth0..ethN are veth pairs whose
 * other ends sw0..swN sit in a "switch" network namespace {@code sw} on a bridge that also holds
 * the gateway 10.0.0.1 and, through a namespace {@code peer}, a peer host 10.0.0.3. The node starts
 * like a freshly installed server: 10.0.0.2/24 and the default route on eth0 ({@link #withNics}),
 * or on a separate management NIC mgmt0 so that eth0..N are free for a bond without an address (the
 * tagged-VLAN topology, {@link #withManagementNic}). Pulling a cable is {@code ip -n sw link set
 * swN down}.
 *
 * <p>A lab can be shared by the tests of a class: {@link #restore()} puts the node back as it was
 * built, which is much cheaper under emulation than building a new lab.
 *
 * <p>It reads the host with {@code ip -j} itself, not with the agent's observer: node-agent's tests
 * subclass it to add the agent's view ({@code io.bondbridge.agent.kernel.KernelLab}).
 */
public class KernelLab implements AutoCloseable {
  public static final String NODE_IP = "10.0.0.2";
  public static final String NODE_CIDR = NODE_IP + "/24";
  public static final String GATEWAY = "10.0.0.1";
  public static final String PEER_IP = "10.0.0.3";
  public static final String MANAGEMENT_NIC = "mgmt0";

  static {
    // Test JVM only: under TCG each posix_spawn (the JDK default) goes through jspawnhelper, an
    // extra exec that doubles the cost of every ip command; vfork starts the command directly.
    // The benchmark pins the default before this runs (it measures the engine as shipped).
    if (System.getProperty("jdk.lang.Process.launchMechanism") == null) {
      System.setProperty("jdk.lang.Process.launchMechanism", "VFORK");
    }
  }

  private final int nics;
  private final String addressedNic;
  private final Set<String> pulled = new LinkedHashSet<>();

  /** An unwired lab: {@link #wire()} builds it. For subclasses; tests use the factories. */
  protected KernelLab(int nics, String addressedNic) {
    this.nics = nics;
    this.addressedNic = addressedNic;
  }

  public static boolean inKernelVm() {
    return "1".equals(System.getenv("BONDBRIDGE_KERNEL_VM"));
  }

  /** Skips the test outside the kernel VM: the build machine has no bonding and no 8021q. */
  public static void assumeKernelVm() {
    assumeTrue(inKernelVm(), "needs a kernel with bonding: run through vm/kernel-tests.sh");
  }

  /** A node with {@code nics} NICs, eth0 carrying the node IP and the default route. */
  public static KernelLab withNics(int nics) {
    return new KernelLab(nics, "eth0").wire();
  }

  /**
   * A node with {@code nics} NICs without any address, reached through a separate management NIC
   * {@value #MANAGEMENT_NIC} that carries the node IP and the default route.
   */
  public static KernelLab withManagementNic(int nics) {
    return new KernelLab(nics, MANAGEMENT_NIC).wire();
  }

  /** Builds the lab on a clean host (skipping the test outside the VM); returns this. */
  protected KernelLab wire() {
    assumeKernelVm();
    reset();
    ip("netns", "add", "sw");
    ip("netns", "add", "peer");
    ip("-n", "sw", "link", "add", "swbr", "type", "bridge", "forward_delay", "0");
    ip("-n", "sw", "link", "set", "swbr", "up");
    ip("-n", "sw", "addr", "add", GATEWAY + "/24", "dev", "swbr");
    ip("-n", "sw", "link", "set", "lo", "up");
    ip("-n", "sw", "link", "add", "swp", "type", "veth", "peer", "name", "p0", "netns", "peer");
    ip("-n", "sw", "link", "set", "swp", "master", "swbr");
    ip("-n", "sw", "link", "set", "swp", "up");
    ip("-n", "peer", "link", "set", "lo", "up");
    ip("-n", "peer", "addr", "add", PEER_IP + "/24", "dev", "p0");
    ip("-n", "peer", "link", "set", "p0", "up");
    ip("-n", "peer", "route", "add", "default", "via", GATEWAY);
    for (String nic : nicNames()) {
      String sw = switchPort(nic);
      ip("link", "add", nic, "type", "veth", "peer", "name", sw, "netns", "sw");
      ip("link", "set", nic, "address", mac(nic));
      ip("-n", "sw", "link", "set", sw, "master", "swbr");
      ip("-n", "sw", "link", "set", sw, "up");
      ip("link", "set", nic, "up");
    }
    ip("addr", "add", NODE_CIDR, "dev", addressedNic);
    ip("route", "add", "default", "via", GATEWAY, "dev", addressedNic);
    waitFor(Duration.ofSeconds(20), this::peerReachesNode, "the peer to reach the node");
    return this;
  }

  /** eth0..ethN-1, then the management NIC if there is one. */
  public List<String> nicNames() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < nics; i++) {
      names.add("eth" + i);
    }
    if (addressedNic.equals(MANAGEMENT_NIC)) {
      names.add(MANAGEMENT_NIC);
    }
    return names;
  }

  private static String switchPort(String nic) {
    return nic.equals(MANAGEMENT_NIC) ? "swm" : "sw" + nic.substring(3);
  }

  private static String mac(String nic) {
    return nic.equals(MANAGEMENT_NIC)
        ? "52:54:00:bb:01:00"
        : String.format("52:54:00:bb:00:%02x", Integer.parseInt(nic.substring(3)));
  }

  /** The host now, as "the host as before" compares it. */
  public HostSnapshot snapshot() {
    return HostSnapshot.read();
  }

  /** Pulls the cable of a NIC: its switch port goes down, so the NIC loses carrier. */
  public void pull(String nic) {
    ip("-n", "sw", "link", "set", switchPort(nic), "down");
    pulled.add(nic);
  }

  public void plug(String nic) {
    ip("-n", "sw", "link", "set", switchPort(nic), "up");
    pulled.remove(nic);
  }

  public boolean peerReachesNode() {
    return peerReaches(NODE_IP);
  }

  public boolean peerReaches(String address) {
    return Commands.run(
            List.of("ip", "netns", "exec", "peer", "ping", "-c", "1", "-W", "1", address))
        .ok();
  }

  /**
   * Makes the peer cache {@code mac} for {@code address}, as a confirmed entry: what ARP flux
   * leaves behind when another NIC of the node answered first (Linux answers ARP for any of its
   * addresses on every NIC of the link), or what a neighbour holds when the node's address moves to
   * another MAC. The peer then keeps that entry against ordinary ARP traffic for a minute (its
   * {@code locktime}; Linux keeps the first of several answers for a second, many routers never
   * take a MAC from a request that was not for them): only a gratuitous ARP moves it at once. Left
   * alone, the entry is trusted for 15 to 45 s, then probed before it is dropped.
   */
  public void peerCaches(String address, String mac) {
    ip("-n", "peer", "ntable", "change", "name", "arp_cache", "dev", "p0", "locktime", "60000");
    ip("-n", "peer", "neigh", "replace", address, "lladdr", mac, "dev", "p0", "nud", "reachable");
  }

  /** The MAC the peer's ARP cache holds for {@code address}, or null. */
  public String peerCachedMac(String address) {
    for (JsonNode entry : Commands.ipJson("-n", "peer", "neigh", "show", address, "dev", "p0")) {
      return HostLinks.text(entry, "lladdr");
    }
    return null;
  }

  /** The MAC of a device of the node. */
  public String macOf(String device) {
    return HostLinks.text(Commands.ipJson("link", "show", "dev", device).get(0), "address");
  }

  public boolean nodeReachesGateway() {
    return Commands.run(List.of("ping", "-c", "1", "-W", "1", GATEWAY)).ok();
  }

  /** Starts the peer pinging {@code address} every 50 ms until the returned ping is closed. */
  public PeerPing peerPings(String address) {
    return PeerPing.start(
        // -D: each reply with its time, so a test can tell when the silences were (PeerPing.since)
        List.of("ip", "netns", "exec", "peer", "ping", "-n", "-D", "-i", "0.05", address));
  }

  /**
   * Starts the peer pinging {@code address} every {@code interval} for {@code during}; {@link
   * PeerPing#awaitEnd} then gives ping's own count of what was sent and what came back.
   */
  public PeerPing peerPings(String address, Duration interval, Duration during) {
    return PeerPing.start(
        List.of(
            "ip",
            "netns",
            "exec",
            "peer",
            "ping",
            "-n",
            "-q",
            "-i",
            String.valueOf(interval.toMillis() / 1000.0),
            "-w",
            String.valueOf(during.toSeconds()),
            address));
  }

  /**
   * A bond option as the kernel reports it, e.g. "active-backup 1" (read as a file: no process).
   */
  public String sysfs(String bond, String option) {
    return BondingFiles.option(bond, option);
  }

  /** A port's bonding state, e.g. mii_status, link_failure_count, state. */
  public String portSysfs(String port, String file) {
    return BondingFiles.portState(port, file);
  }

  public String proc(String bond) {
    return BondingFiles.proc(bond);
  }

  /** /proc/net/bonding/BOND's "Currently Active Slave", or null (read in-process). */
  public String activePort(String bond) {
    return BondingFiles.activePort(bond);
  }

  public String read(Path file) {
    return BondingFiles.read(file);
  }

  /** Runs {@code ip ARGS}; fails with ip's message when it exits non-zero. */
  public void ip(String... args) {
    List<String> command = new ArrayList<>(List.of("ip"));
    command.addAll(List.of(args));
    Commands.output(command);
  }

  public void waitFor(Duration timeout, BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /**
   * Puts the node back as the lab built it: cables plugged, every device that is not a lab NIC
   * deleted, the NICs released and up, the node IP and default route on their NIC; then waits until
   * the peer reaches the node.
   */
  public void restore() {
    for (String nic : List.copyOf(pulled)) {
      plug(nic);
    }
    List<String> nicNames = nicNames();
    HostLinks.deleteLinks(l -> !nicNames.contains(HostLinks.text(l, "ifname")));
    JsonNode links = Commands.ipJson("link", "show");
    JsonNode addresses = Commands.ipJson("-4", "addr", "show");
    boolean nodeAddressThere = false;
    for (String nic : nicNames) {
      JsonNode link = HostLinks.named(links, nic);
      if (HostLinks.text(link, "master") != null) {
        ip("link", "set", "dev", nic, "nomaster");
      }
      if (!HostLinks.flagged(link, "UP")) {
        ip("link", "set", "dev", nic, "up");
      }
      for (JsonNode a : HostLinks.named(addresses, nic).path("addr_info")) {
        String cidr = HostLinks.text(a, "local") + "/" + a.path("prefixlen").asInt();
        if (nic.equals(addressedNic) && cidr.equals(NODE_CIDR)) {
          nodeAddressThere = true;
        } else {
          ip("addr", "del", cidr, "dev", nic);
        }
      }
    }
    if (!nodeAddressThere) {
      ip("addr", "add", NODE_CIDR, "dev", addressedNic);
    }
    if (Commands.ipJson("route", "show", "default").isEmpty()) {
      ip("route", "add", "default", "via", GATEWAY, "dev", addressedNic);
    }
    waitFor(Duration.ofSeconds(20), this::peerReachesNode, "the peer to reach the node");
  }

  /** Removes every device and namespace a test made, so the next test starts clean. */
  public void reset() {
    Commands.run(List.of("ip", "netns", "del", "sw"));
    Commands.run(List.of("ip", "netns", "del", "peer"));
    HostLinks.deleteLinks(l -> true);
  }

  @Override
  public void close() {
    reset();
  }
}
