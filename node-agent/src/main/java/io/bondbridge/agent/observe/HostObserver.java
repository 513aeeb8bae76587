package io.bondbridge.agent.observe;

import io.bondbridge.agent.exec.CommandFailedException;
import io.bondbridge.agent.exec.CommandRunner;
import io.bondbridge.agent.exec.Iproute;
import io.bondbridge.agent.exec.Iproute2;
import io.bondbridge.agent.host.BondState;
import io.bondbridge.agent.host.DhcpView;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Link;
import io.bondbridge.agent.host.LinkManager;
import io.bondbridge.agent.importer.InterfacesFiles;
import io.bondbridge.agent.resolved.Resolvectl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Reads the host into a {@link HostState}: the observe step of the agent, and the only class of
 * this package that does I/O.
 *
 * <p>It runs on every kernel link event, so it asks iproute2 three things (links, addresses and
 * routes as JSON) in one round trip — through the agent's long-lived ip sessions, no process
 * started — and reads everything else as files; only where a bridge filters by VLAN does it start
 * one process, {@code bridge -j vlan show}. The outputs are not one atomic snapshot; a change
 * between them is followed by its own link event and a new observation.
 */
public final class HostObserver {

  static final List<List<String>> READS =
      List.of(
          List.of("-j", "-d", "link", "show"),
          List.of("-j", "addr", "show"),
          // every table, both families: "route show" alone lists the IPv4 main table only
          List.of("-j", "route", "show", "table", "all"));

  /** How often an interrupted dump is read before its last reading is kept. */
  static final int DUMP_ATTEMPTS = 5;

  private static final String DUMP_INTERRUPTED = "Dump was interrupted";

  private final Iproute iproute;
  private final CommandRunner runner;
  private final String ip;
  private final Path root;
  private final String bridge;
  private final Resolvectl resolved;

  /**
   * Observes this host with {@code ip} from the PATH, the real /proc and /sys, and systemd-resolved
   * through {@code resolvectl}.
   */
  public HostObserver(CommandRunner runner) {
    this(Iproute.processes(runner, "ip"), runner, "ip", Path.of("/"), new Resolvectl(runner));
  }

  /**
   * @param ip the iproute2 binary
   * @param root where /proc and /sys are found: "/" on a host, a mount of the host's when the agent
   *     runs in a container, a directory laid out like them in tests
   */
  public HostObserver(CommandRunner runner, String ip, Path root) {
    this(Iproute.processes(runner, ip), runner, ip, root, null);
  }

  /**
   * Observes through {@code iproute} (the agent's {@link io.bondbridge.agent.exec.IpSessions});
   * {@code runner} starts the other iproute2 programs.
   */
  public HostObserver(Iproute iproute, CommandRunner runner, Path root) {
    this(iproute, runner, "ip", root, null);
  }

  private HostObserver(
      Iproute iproute, CommandRunner runner, String ip, Path root, Resolvectl resolved) {
    this.iproute = Objects.requireNonNull(iproute);
    this.runner = Objects.requireNonNull(runner);
    this.ip = Objects.requireNonNull(ip);
    this.root = Objects.requireNonNull(root);
    this.bridge = Iproute2.bridgeBeside(ip);
    this.resolved = resolved;
  }

  /**
   * This observer reading systemd-resolved's per-link settings too (without it the host's resolved
   * counts as not looked at, and a spec with ipv4.dns is refused).
   */
  public HostObserver withResolved(Resolvectl reader) {
    return new HostObserver(iproute, runner, ip, root, reader);
  }

  /**
   * @throws io.bondbridge.agent.exec.CommandFailedException when {@code ip} fails: without the
   *     links there is nothing to plan from, so no partial state is returned
   */
  public HostState observe() {
    HostState host = HostStateAssembler.assemble(read());
    host = host.withManagers(managers(host.links().values()));
    // the runner that starts DHCP clients knows them, and the host's own
    host = runner instanceof DhcpView.Source dhcp ? host.withDhcp(dhcp.dhcpView()) : host;
    return resolved == null ? host : host.withResolved(resolved.read());
  }

  /**
   * A quick look at one bond's dynamic state (active port, each port's MII status and link failure
   * count) from /proc/net/bonding under this observer's root: one file read, microseconds, where
   * {@link #observe()} asks iproute2 three things. Empty if the bond is gone or the file
   * unreadable.
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
    List<CommandRunner.Result> results = dumps();
    String links = results.get(0).stdout();
    String addresses = results.get(1).stdout();
    String routes = results.get(2).stdout();

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
    // One more process only where a bridge filters by VLAN: its table is the bond port's trunk.
    String bridgeVlans =
        IpJson.links(links).stream()
                .anyMatch(l -> l.isBridge() && "1".equals(l.kindData().get("vlan_filtering")))
            ? runner.output(List.of(bridge, "-j", "vlan", "show"))
            : null;
    return new HostReadings(links, addresses, routes, proc, sysfs, drivers, bridgeVlans);
  }

  /**
   * The three dumps. A dump that a concurrent change interrupted (the kernel's NLM_F_DUMP_INTR:
   * iproute2 prints "Dump was interrupted and may be inconsistent" and may have skipped or repeated
   * entries) is read again, as iproute2 asks; after {@value #DUMP_ATTEMPTS} interrupted reads in a
   * row the last is kept (the host is changing; its next link event brings another observation).
   */
  private List<CommandRunner.Result> dumps() {
    for (int attempt = 1; ; attempt++) {
      List<CommandRunner.Result> results = iproute.run(READS);
      for (int i = 0; i < READS.size(); i++) {
        if (i >= results.size() || !results.get(i).ok()) {
          CommandRunner.Result failed = results.get(results.size() - 1);
          throw new CommandFailedException(Iproute.withProgram(ip, READS.get(i)), failed);
        }
      }
      if (results.stream().noneMatch(HostObserver::interrupted) || attempt == DUMP_ATTEMPTS) {
        return results;
      }
    }
  }

  private static boolean interrupted(CommandRunner.Result result) {
    return result.stderr().contains(DUMP_INTERRUPTED) || result.stdout().contains(DUMP_INTERRUPTED);
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

  /** The links a network manager has in hand, from its runtime state under the root. */
  private Map<String, LinkManager> managers(Collection<Link> links) {
    Map<String, LinkManager> managers = new LinkedHashMap<>();
    Path networkd = root.resolve(NetworkManagers.NETWORKD_LINKS);
    Path networkManager = root.resolve(NetworkManagers.NM_DEVICES);
    Path ifupdownState = root.resolve(NetworkManagers.IFUPDOWN_STATE);
    // read once, and only if a link ifupdown brought up asks
    Supplier<Function<String, Optional<String>>> stanzas = once(this::stanzas);
    for (Link link : links) {
      String index = String.valueOf(link.index());
      Optional<LinkManager> found =
          Optional.ofNullable(readFile(networkd.resolve(index))).flatMap(NetworkManagers::networkd);
      Optional<LinkManager> nm =
          Optional.ofNullable(readFile(networkManager.resolve(index)))
              .flatMap(state -> NetworkManagers.networkManager(link.name(), state));
      Optional<LinkManager> ifupdown =
          NetworkManagers.ifupdown(
              link.name(),
              readFile(ifupdownState.resolve("ifstate." + link.name())),
              () -> stanzas.get().apply(link.name()));
      NetworkManagers.first(NetworkManagers.first(found, nm), ifupdown)
          .ifPresent(m -> managers.put(link.name(), m));
    }
    return managers;
  }

  /**
   * Each link's stanza in ifupdown's configuration; a configuration that cannot be read counts as
   * one with a stanza for every link (the safe side: the port is refused, naming why).
   */
  private Function<String, Optional<String>> stanzas() {
    Path interfaces = root.resolve(NetworkManagers.INTERFACES);
    if (!Files.exists(interfaces)) {
      return link -> Optional.empty();
    }
    try {
      Map<String, String> byName = InterfacesFiles.stanzas(interfaces);
      return link -> Optional.ofNullable(byName.get(link));
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      String unread = "its stanzas could not be read: " + e.getMessage();
      return link -> Optional.of(unread);
    }
  }

  /** The value of {@code supplier}, got at the first call and kept. */
  private static <T> Supplier<T> once(Supplier<T> supplier) {
    return new Supplier<>() {
      private T value;

      @Override
      public T get() {
        if (value == null) {
          value = supplier.get();
        }
        return value;
      }
    };
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
