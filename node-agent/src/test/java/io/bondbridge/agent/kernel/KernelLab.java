package io.bondbridge.agent.kernel;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bondbridge.agent.Engine;
import io.bondbridge.agent.apply.Applier;
import io.bondbridge.agent.apply.KernelModules;
import io.bondbridge.agent.exec.CommandRunner;
import io.bondbridge.agent.exec.IpSessions;
import io.bondbridge.agent.exec.Iproute;
import io.bondbridge.agent.exec.ProcessRunner;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Link;
import io.bondbridge.agent.host.Route;
import io.bondbridge.agent.observe.HostObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The test lab on a real kernel (inside the VM, see vm/): "NICs" eth0..ethN are veth pairs whose
 * other ends sw0..swN sit in a "switch" network namespace on a bridge that also holds the gateway
 * 10.0.0.1 and, through a namespace "peer", a peer host 10.0.0.3. The node starts like a freshly
 * installed server: 10.0.0.2/24 and the default route on eth0 ({@link #withNics}), or on a separate
 * management NIC mgmt0 so that eth0..N are free for a bond without an address (seed 004, {@link
 * #withManagementNic}). Pulling a cable is {@code ip link set swN down} in the switch.
 *
 * <p>A lab can be shared by the tests of a class: {@link #restore()} puts the node back as it was
 * built, which is much cheaper under emulation than building a new lab.
 */
final class KernelLab implements AutoCloseable {
  static final String NODE_IP = "10.0.0.2";
  static final String NODE_CIDR = NODE_IP + "/24";
  static final String GATEWAY = "10.0.0.1";
  static final String PEER_IP = "10.0.0.3";
  static final String MANAGEMENT_NIC = "mgmt0";

  static {
    // Test JVM only: under TCG each posix_spawn (the JDK default) goes through jspawnhelper, an
    // extra exec that doubles the cost of every ip command; vfork starts the command directly.
    // The benchmark pins the default before this runs (it measures the engine as shipped).
    if (System.getProperty("jdk.lang.Process.launchMechanism") == null) {
      System.setProperty("jdk.lang.Process.launchMechanism", "VFORK");
    }
  }

  final CommandRunner runner = new ProcessRunner();
  // the lab's own eye: one ip process per read, apart from the session the engine uses
  final HostObserver observer = new HostObserver(runner);

  /** The agent's long-lived ip sessions, as the CLI and the agent run them. */
  final IpSessions ip = new IpSessions(runner);

  private final int nics;
  private final String addressedNic;
  private final Set<String> pulled = new LinkedHashSet<>();

  private KernelLab(int nics, String addressedNic) {
    this.nics = nics;
    this.addressedNic = addressedNic;
  }

  /** Skips the test outside the kernel VM: the build machine has no bonding and no 8021q. */
  static void assumeKernelVm() {
    assumeTrue(
        "1".equals(System.getenv("BONDBRIDGE_KERNEL_VM")),
        "needs a kernel with bonding: run through vm/kernel-tests.sh");
  }

  /** A node with {@code nics} NICs, eth0 carrying the node IP and the default route. */
  static KernelLab withNics(int nics) {
    return build(nics, "eth0");
  }

  /**
   * A node with {@code nics} NICs without any address, reached through a separate management NIC
   * {@value #MANAGEMENT_NIC} that carries the node IP and the default route.
   */
  static KernelLab withManagementNic(int nics) {
    return build(nics, MANAGEMENT_NIC);
  }

  private static KernelLab build(int nics, String addressedNic) {
    assumeKernelVm();
    KernelLab lab = new KernelLab(nics, addressedNic);
    lab.reset();
    lab.ip("netns", "add", "sw");
    lab.ip("netns", "add", "peer");
    lab.ip("-n", "sw", "link", "add", "swbr", "type", "bridge", "forward_delay", "0");
    lab.ip("-n", "sw", "link", "set", "swbr", "up");
    lab.ip("-n", "sw", "addr", "add", GATEWAY + "/24", "dev", "swbr");
    lab.ip("-n", "sw", "link", "set", "lo", "up");
    lab.ip("-n", "sw", "link", "add", "swp", "type", "veth", "peer", "name", "p0", "netns", "peer");
    lab.ip("-n", "sw", "link", "set", "swp", "master", "swbr");
    lab.ip("-n", "sw", "link", "set", "swp", "up");
    lab.ip("-n", "peer", "link", "set", "lo", "up");
    lab.ip("-n", "peer", "addr", "add", PEER_IP + "/24", "dev", "p0");
    lab.ip("-n", "peer", "link", "set", "p0", "up");
    lab.ip("-n", "peer", "route", "add", "default", "via", GATEWAY);
    for (String nic : lab.nicNames()) {
      String sw = switchPort(nic);
      lab.ip("link", "add", nic, "type", "veth", "peer", "name", sw, "netns", "sw");
      lab.ip("link", "set", nic, "address", mac(nic));
      lab.ip("-n", "sw", "link", "set", sw, "master", "swbr");
      lab.ip("-n", "sw", "link", "set", sw, "up");
      lab.ip("link", "set", nic, "up");
    }
    lab.ip("addr", "add", NODE_CIDR, "dev", addressedNic);
    lab.ip("route", "add", "default", "via", GATEWAY, "dev", addressedNic);
    lab.waitFor(Duration.ofSeconds(20), lab::peerReachesNode, "the peer to reach the node");
    return lab;
  }

  /** eth0..ethN-1, then the management NIC if there is one. */
  List<String> nicNames() {
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

  Engine engine() {
    return engine(ip);
  }

  /** The engine with its steps sent {@code through} something else (e.g. one that fails a step). */
  Engine engine(Iproute through) {
    return new Engine(
        new HostObserver(ip, Path.of("/")),
        new Applier(through, runner),
        new KernelModules(runner));
  }

  HostState host() {
    return observer.observe();
  }

  /** Pulls the cable of ethN: its switch port goes down, so ethN loses carrier. */
  void pull(String nic) {
    ip("-n", "sw", "link", "set", switchPort(nic), "down");
    pulled.add(nic);
  }

  void plug(String nic) {
    ip("-n", "sw", "link", "set", switchPort(nic), "up");
    pulled.remove(nic);
  }

  boolean peerReachesNode() {
    return peerReaches(NODE_IP);
  }

  boolean peerReaches(String address) {
    return runner
        .run(List.of("ip", "netns", "exec", "peer", "ping", "-c", "1", "-W", "1", address))
        .ok();
  }

  boolean nodeReachesGateway() {
    return runner.run(List.of("ping", "-c", "1", "-W", "1", GATEWAY)).ok();
  }

  /** Starts the peer pinging {@code address} every 50 ms until the returned ping is closed. */
  PeerPing peerPings(String address) {
    return PeerPing.start(
        List.of("ip", "netns", "exec", "peer", "ping", "-n", "-i", "0.05", address));
  }

  /**
   * A bond option as the kernel reports it, e.g. "active-backup 1" (read as a file: no process).
   */
  String sysfs(String bond, String option) {
    return read(Path.of("/sys/class/net", bond, "bonding", option)).strip();
  }

  /** A port's bonding state, e.g. mii_status, link_failure_count, state. */
  String portSysfs(String port, String file) {
    return read(Path.of("/sys/class/net", port, "bonding_slave", file)).strip();
  }

  String proc(String bond) {
    return read(Path.of("/proc/net/bonding", bond));
  }

  String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void ip(String... args) {
    List<String> command = new ArrayList<>(List.of("ip"));
    command.addAll(List.of(args));
    runner.output(command);
  }

  void waitFor(Duration timeout, BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      try {
        Thread.sleep(100);
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
  void restore() {
    for (String nic : List.copyOf(pulled)) {
      plug(nic);
    }
    List<String> nicNames = nicNames();
    List<Link> extra =
        new ArrayList<>(
            host().links().values().stream()
                .filter(l -> !l.name().equals("lo") && !nicNames.contains(l.name()))
                .toList());
    extra.sort(Comparator.comparingInt(KernelLab::deletionOrder));
    for (Link link : extra) {
      runner.run(List.of("ip", "link", "del", "dev", link.name()));
    }
    HostState host = host();
    for (String nic : nicNames) {
      Link link = host.links().get(nic);
      if (link.master() != null) {
        ip("link", "set", "dev", nic, "nomaster");
      }
      if (!link.adminUp()) {
        ip("link", "set", "dev", nic, "up");
      }
      host.addressesOn(nic).stream()
          .filter(a -> !(nic.equals(addressedNic) && a.cidr().equals(NODE_CIDR)))
          .forEach(a -> ip("addr", "del", a.cidr(), "dev", nic));
    }
    if (host.addressesOn(addressedNic).stream().noneMatch(a -> a.cidr().equals(NODE_CIDR))) {
      ip("addr", "add", NODE_CIDR, "dev", addressedNic);
    }
    if (host().routes().stream().noneMatch(Route::isDefault)) {
      ip("route", "add", "default", "via", GATEWAY, "dev", addressedNic);
    }
    waitFor(Duration.ofSeconds(20), this::peerReachesNode, "the peer to reach the node");
  }

  /** Removes every device and namespace a test made, so the next test starts clean. */
  void reset() {
    runner.run(List.of("ip", "netns", "del", "sw"));
    runner.run(List.of("ip", "netns", "del", "peer"));
    List<Link> links = new ArrayList<>(observer.observe().links().values());
    // upper devices first: VLANs, bridges, bonds, then the NICs
    links.sort(Comparator.comparingInt(KernelLab::deletionOrder));
    for (Link link : links) {
      if (!link.name().equals("lo")) {
        runner.run(List.of("ip", "link", "del", "dev", link.name()));
      }
    }
  }

  private static int deletionOrder(Link link) {
    if (link.isVlan()) return 0;
    if (link.isBridge()) return 1;
    if (link.isBond()) return 2;
    return 3;
  }

  @Override
  public void close() {
    ip.close();
    reset();
  }
}
