package io.bondbridge.agent.kernel;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bondbridge.agent.Engine;
import io.bondbridge.agent.apply.Applier;
import io.bondbridge.agent.apply.KernelModules;
import io.bondbridge.agent.exec.CommandRunner;
import io.bondbridge.agent.exec.ProcessRunner;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Link;
import io.bondbridge.agent.observe.HostObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The test lab on a real kernel (inside the VM, see vm/): "NICs" eth0..ethN are veth pairs whose
 * other ends sw0..swN sit in a "switch" network namespace on a bridge that also holds the gateway
 * 10.0.0.1 and, through a namespace "peer", a peer host 10.0.0.3. The node starts like a freshly
 * installed server: 10.0.0.2/24 and the default route on eth0. Pulling a cable is {@code ip link
 * set swN down} in the switch.
 */
final class KernelLab implements AutoCloseable {
  static final String NODE_IP = "10.0.0.2";
  static final String GATEWAY = "10.0.0.1";
  static final String PEER_IP = "10.0.0.3";

  final CommandRunner runner = new ProcessRunner();
  final HostObserver observer = new HostObserver(runner);
  private final int nics;

  private KernelLab(int nics) {
    this.nics = nics;
  }

  /** Skips the test outside the kernel VM: the build machine has no bonding and no 8021q. */
  static void assumeKernelVm() {
    assumeTrue(
        "1".equals(System.getenv("BONDBRIDGE_KERNEL_VM")),
        "needs a kernel with bonding: run through vm/kernel-tests.sh");
  }

  /** A node with {@code nics} NICs, eth0 carrying the node IP and the default route. */
  static KernelLab withNics(int nics) {
    assumeKernelVm();
    KernelLab lab = new KernelLab(nics);
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
    for (int i = 0; i < nics; i++) {
      lab.ip("link", "add", "eth" + i, "type", "veth", "peer", "name", "sw" + i, "netns", "sw");
      lab.ip("link", "set", "eth" + i, "address", String.format("52:54:00:bb:00:%02x", i));
      lab.ip("-n", "sw", "link", "set", "sw" + i, "master", "swbr");
      lab.ip("-n", "sw", "link", "set", "sw" + i, "up");
      lab.ip("link", "set", "eth" + i, "up");
    }
    lab.ip("addr", "add", NODE_IP + "/24", "dev", "eth0");
    lab.ip("route", "add", "default", "via", GATEWAY, "dev", "eth0");
    lab.waitFor(Duration.ofSeconds(20), lab::peerReachesNode, "the peer to reach the node");
    return lab;
  }

  Engine engine() {
    return engine(runner);
  }

  Engine engine(CommandRunner through) {
    return new Engine(new HostObserver(runner), new Applier(through), new KernelModules(runner));
  }

  HostState host() {
    return observer.observe();
  }

  /** Pulls the cable of ethN: its switch port goes down, so ethN loses carrier. */
  void pull(String nic) {
    ip("-n", "sw", "link", "set", "sw" + nic.substring(3), "down");
  }

  void plug(String nic) {
    ip("-n", "sw", "link", "set", "sw" + nic.substring(3), "up");
  }

  boolean peerReachesNode() {
    return runner
        .run(List.of("ip", "netns", "exec", "peer", "ping", "-c", "1", "-W", "1", NODE_IP))
        .ok();
  }

  boolean nodeReachesGateway() {
    return runner.run(List.of("ping", "-c", "1", "-W", "1", GATEWAY)).ok();
  }

  String sysfs(String bond, String option) {
    return runner.output(List.of("cat", "/sys/class/net/" + bond + "/bonding/" + option)).strip();
  }

  String proc(String bond) {
    return runner.output(List.of("cat", "/proc/net/bonding/" + bond));
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
    reset();
  }

  int nics() {
    return nics;
  }
}
