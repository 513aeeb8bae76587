package io.bondbridge.e2e;

import io.bondbridge.agent.exec.CommandRunner;
import io.bondbridge.agent.exec.ProcessRunner;
import io.bondbridge.agent.host.Address;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Link;
import io.bondbridge.agent.host.Route;
import io.bondbridge.agent.observe.HostObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

/**
 * The lab on a real kernel (inside the VM, see vm/), as node-agent's kernel tests build it: "NICs"
 * eth0..ethN are veth pairs whose other ends swN sit on a bridge in a "switch" namespace {@code sw}
 * with the gateway 10.0.0.1 and a peer host 10.0.0.3 (namespace {@code peer}). The node starts like
 * a freshly installed server: 10.0.0.2/24 and the default route on eth0. Pulling a cable is {@code
 * ip -n sw link set swN down}. (A small copy: node-agent's test classes are not a dependency.)
 */
final class KernelLab implements AutoCloseable {
  static final String NODE_IP = "10.0.0.2";
  static final String GATEWAY = "10.0.0.1";
  static final String PEER_IP = "10.0.0.3";

  final CommandRunner runner = new ProcessRunner();
  final HostObserver observer = new HostObserver(runner);

  static boolean inKernelVm() {
    return "1".equals(System.getenv("BONDBRIDGE_KERNEL_VM"));
  }

  static KernelLab withNics(int nics) {
    KernelLab lab = new KernelLab();
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

  /**
   * /proc/net/bonding/BOND's "Currently Active Slave", or null. Read in-process: a {@code cat}
   * costs a process start (0.1 s and more under emulation), which would blur the timings.
   */
  String activePort(String bond) {
    String text;
    try {
      text = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/net/bonding", bond));
    } catch (java.io.IOException e) {
      return null;
    }
    for (String line : text.split("\n")) {
      if (line.startsWith("Currently Active Slave: ")) {
        String port = line.substring("Currently Active Slave: ".length()).strip();
        return "None".equals(port) ? null : port;
      }
    }
    return null;
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
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /**
   * What a change could alter, without what moves by itself (counters, timers, carrier, IPv6
   * link-local addresses): equal snapshots mean the host is as it was.
   */
  TreeSet<String> snapshot() {
    HostState host = host();
    TreeSet<String> lines = new TreeSet<>();
    for (Link l : host.links().values()) {
      lines.add(
          String.join(
              " ",
              "link",
              l.name(),
              "kind=" + l.kind(),
              "master=" + l.master(),
              "up=" + l.adminUp(),
              "mtu=" + l.mtu(),
              "alias=" + l.alias(),
              "mac=" + l.mac()));
    }
    for (Address a : host.addresses()) {
      lines.add("addr " + a.device() + " " + a.cidr());
    }
    for (Route r : host.routes()) {
      lines.add("route " + r.destination() + " via=" + r.gateway() + " dev=" + r.device());
    }
    return lines;
  }

  /** Removes every device and namespace the lab made. */
  void reset() {
    runner.run(List.of("ip", "netns", "del", "sw"));
    runner.run(List.of("ip", "netns", "del", "peer"));
    List<Link> links = new ArrayList<>(observer.observe().links().values());
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
}
