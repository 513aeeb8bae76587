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
 */
final class DhcpServer implements AutoCloseable {
  static final int VLAN = 20;
  static final String VLAN_GATEWAY = "10.20.0.1";
  static final int LEASE_SECONDS = 120;
  static final String PREFIX6 = "2001:db8:1::";
  static final String RANGE6 = PREFIX6 + "100 to " + PREFIX6 + "1ff";

  private final Process dnsmasq;
  private final Path dir;

  private DhcpServer(Process dnsmasq, Path dir) {
    this.dnsmasq = dnsmasq;
    this.dir = dir;
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
    try {
      Path dir = Files.createTempDirectory("dnsmasq");
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
                  "--bind-interfaces",
                  "--interface=swbr",
                  "--interface=swbr." + VLAN,
                  "--dhcp-range=10.0.0.100,10.0.0.150,255.255.255.0," + LEASE_SECONDS,
                  "--dhcp-range=10.20.0.100,10.20.0.150,255.255.255.0," + LEASE_SECONDS,
                  "--dhcp-range=" + PREFIX6 + "100," + PREFIX6 + "1ff,64," + LEASE_SECONDS,
                  "--dhcp-host=" + reservedMac + "," + reservedIp,
                  "--dhcp-leasefile=" + dir.resolve("leases"),
                  "--pid-file=" + dir.resolve("pid"),
                  "--user=root",
                  "--log-dhcp"));
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("log").toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      return new DhcpServer(process, dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the server logged: each request and answer. */
  String log() {
    try {
      return Files.readString(dir.resolve("log"));
    } catch (IOException e) {
      return "";
    }
  }

  /** dnsmasq's lease database: one line per lease it gave, DHCPv4 and DHCPv6. */
  String leases() {
    try {
      return Files.readString(dir.resolve("leases"));
    } catch (IOException e) {
      return "";
    }
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
    dnsmasq.destroy();
  }
}
