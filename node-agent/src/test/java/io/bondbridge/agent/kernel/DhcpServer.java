package io.bondbridge.agent.kernel;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * dnsmasq as the DHCP server of the lab's switch: on the switch bridge (the gateway 10.0.0.1 is its
 * own address, so it is the router the leases name) with the node's reservation by MAC (eth0's MAC
 * gets the node IP, as a bare-metal cluster reserves it), and on tagged VLAN {@value #VLAN} through
 * a VLAN interface on the switch bridge; and a DHCPv6 server on the switch bridge ({@value
 * #RANGE6}, without router advertisements: nothing else on the node learns IPv6 from it). Leases
 * are 2 minutes, dnsmasq's shortest (a shorter time is raised to it).
 *
 * <p>The VLAN has a dnsmasq of its own, as a VLAN with its own server or relay has: one dnsmasq
 * keeps one lease per client (its client identifier, else its MAC), and the node's br0 and its VLAN
 * interface share the bond's MAC, so each one's request would squash the other's lease and a
 * renewal could be refused ("lease not found"): the VLAN's lease was lost so in one CI run.
 */
final class DhcpServer implements AutoCloseable {
  static final int VLAN = 20;
  static final String VLAN_GATEWAY = "10.20.0.1";
  static final int LEASE_SECONDS = 120;
  static final String PREFIX6 = "2001:db8:1::";
  static final String RANGE6 = PREFIX6 + "100 to " + PREFIX6 + "1ff";

  private final List<Process> dnsmasq;
  private final List<Path> dirs;

  private DhcpServer(List<Process> dnsmasq, List<Path> dirs) {
    this.dnsmasq = dnsmasq;
    this.dirs = dirs;
  }

  /** Starts the server; {@code reservedMac} gets {@code reservedIp}. */
  static DhcpServer start(String reservedMac, String reservedIp) {
    run(
        "ip",
        "-n",
        "sw",
        "link",
        "add",
        "link",
        "swbr",
        "name",
        "swbr." + VLAN,
        "type",
        "vlan",
        "id",
        String.valueOf(VLAN));
    run("ip", "-n", "sw", "addr", "add", VLAN_GATEWAY + "/24", "dev", "swbr." + VLAN);
    run("ip", "-n", "sw", "link", "set", "swbr." + VLAN, "up");
    run("ip", "-n", "sw", "addr", "add", PREFIX6 + "1/64", "dev", "swbr", "nodad");
    Path untagged = tempDir();
    Path tagged = tempDir();
    Process onSwitch =
        dnsmasq(
            untagged,
            "--interface=swbr",
            "--dhcp-range=10.0.0.100,10.0.0.150,255.255.255.0," + LEASE_SECONDS,
            "--dhcp-range=" + PREFIX6 + "100," + PREFIX6 + "1ff,64," + LEASE_SECONDS,
            "--dhcp-host=" + reservedMac + "," + reservedIp);
    Process onVlan =
        dnsmasq(
            tagged,
            "--interface=swbr." + VLAN,
            "--dhcp-range=10.20.0.100,10.20.0.150,255.255.255.0," + LEASE_SECONDS);
    return new DhcpServer(List.of(onSwitch, onVlan), List.of(untagged, tagged));
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("dnsmasq");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One dnsmasq in the switch's namespace, its files in {@code dir}, serving as told. */
  private static Process dnsmasq(Path dir, String... serving) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "ip",
                "netns",
                "exec",
                "sw",
                "dnsmasq",
                "--keep-in-foreground",
                "--conf-file=/dev/null",
                "--port=0",
                "--bind-interfaces"));
    command.addAll(List.of(serving));
    command.addAll(
        List.of(
            "--dhcp-leasefile=" + dir.resolve("leases"),
            "--pid-file=" + dir.resolve("pid"),
            "--user=root",
            "--log-dhcp"));
    try {
      return new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(dir.resolve("log").toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the servers logged: each request and answer. */
  String log() {
    return read("log");
  }

  /** The servers' lease databases: one line per lease they gave, DHCPv4 and DHCPv6. */
  String leases() {
    return read("leases");
  }

  private String read(String file) {
    StringBuilder all = new StringBuilder();
    for (Path dir : dirs) {
      try {
        all.append(Files.readString(dir.resolve(file)));
      } catch (IOException e) {
        // not written yet
      }
    }
    return all.toString();
  }

  private static void run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (p.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", command) + ": " + out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    dnsmasq.forEach(Process::destroy);
  }
}
