package io.bondbridge.agent.observe;

import io.bondbridge.agent.exec.CommandRunner;
import io.bondbridge.agent.host.BondState;
import io.bondbridge.agent.host.DhcpView;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Link;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads the host into a {@link HostState}: the observe step of the agent, and the only class of
 * this package that does I/O.
 *
 * <p>It runs on every kernel link event, so it starts exactly three processes ({@code ip -j} for
 * links, addresses and routes) and reads everything else as files. The three outputs are not one
 * atomic snapshot; a change between them is followed by its own link event and a new observation.
 */
public final class HostObserver {

  private final CommandRunner runner;
  private final String ip;
  private final Path root;

  /** Observes this host with {@code ip} from the PATH and the real /proc and /sys. */
  public HostObserver(CommandRunner runner) {
    this(runner, "ip", Path.of("/"));
  }

  /**
   * @param ip the iproute2 binary
   * @param root where /proc and /sys are found: "/" on a host, a mount of the host's when the agent
   *     runs in a container, a directory laid out like them in tests
   */
  public HostObserver(CommandRunner runner, String ip, Path root) {
    this.runner = Objects.requireNonNull(runner);
    this.ip = Objects.requireNonNull(ip);
    this.root = Objects.requireNonNull(root);
  }

  /**
   * @throws io.bondbridge.agent.exec.CommandFailedException when {@code ip} fails: without the
   *     links there is nothing to plan from, so no partial state is returned
   */
  public HostState observe() {
    HostState host = HostStateAssembler.assemble(read());
    // the runner that starts DHCP clients knows them, and the host's own
    return runner instanceof DhcpView.Source dhcp ? host.withDhcp(dhcp.dhcpView()) : host;
  }

  /**
   * A quick look at one bond's dynamic state (active port, each port's MII status and link failure
   * count) from /proc/net/bonding under this observer's root: one file read, microseconds, where
   * {@link #observe()} runs three {@code ip}. Empty if the bond is gone or the file unreadable.
   */
  public Optional<BondState> glance(String bond) {
    String text = readFile(root.resolve("proc/net/bonding").resolve(bond));
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(HostStateAssembler.bond(bond, text, null, Map.of()));
    } catch (RuntimeException e) {
      return Optional.empty(); // cut off mid-write by the bond's deletion: the next event reads it
    }
  }

  /** The raw text behind {@link #observe()}, for diagnostics and for capturing fixtures. */
  public HostReadings read() {
    String links = runner.output(List.of(ip, "-j", "-d", "link", "show"));
    String addresses = runner.output(List.of(ip, "-j", "addr", "show"));
    String routes = runner.output(List.of(ip, "-j", "route", "show"));

    Map<String, String> proc = new LinkedHashMap<>();
    Map<String, Map<String, String>> sysfs = new LinkedHashMap<>();
    Map<String, String> drivers = new LinkedHashMap<>();
    for (Link link : IpJson.links(links)) {
      Path net = root.resolve("sys/class/net").resolve(link.name());
      String driver = driver(net);
      if (driver != null) {
        drivers.put(link.name(), driver);
      }
      if (link.isBond()) {
        String text = readFile(root.resolve("proc/net/bonding").resolve(link.name()));
        if (text != null) {
          proc.put(link.name(), text);
        }
        sysfs.put(link.name(), readDirectory(net.resolve("bonding")));
      }
    }
    return new HostReadings(links, addresses, routes, proc, sysfs, drivers);
  }

  /** device/driver is a symlink into /sys/bus/.../drivers/NAME; virtual links have no device. */
  private static String driver(Path net) {
    Path link = net.resolve("device/driver");
    try {
      Path target = Files.readSymbolicLink(link);
      Path name = target.getFileName();
      return name == null ? null : name.toString();
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }

  /**
   * Every regular file of a sysfs directory. Some bonding files refuse to be read in some modes
   * (the ad_* files outside 802.3ad) or vanish while we list; they are left out, not fatal.
   */
  private static Map<String, String> readDirectory(Path dir) {
    Map<String, String> files = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return files;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      entries
          .filter(Files::isRegularFile)
          .forEach(
              file -> {
                String content = readFile(file);
                if (content != null) {
                  files.put(file.getFileName().toString(), content);
                }
              });
    } catch (IOException | java.io.UncheckedIOException e) {
      // The bond went away between the ip call and now; its next event brings a new observation.
    }
    return files;
  }

  private static String readFile(Path file) {
    try {
      // readAllBytes, not readString: a stray non-UTF-8 byte (an alias) must not fail the read.
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    }
  }
}
