package io.bondbridge.agent.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.exec.ProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * NetworkManager in the kernel VM, as on a RHEL-family node: a system bus ({@code dbus-daemon
 * --system}), systemd-udevd (NetworkManager takes a device only once udev has initialised it) and
 * Debian's NetworkManager 1.42, all children of the test, with {@code nmcli}. The packages are only
 * unpacked on the machine (vm/fetch-nm.sh; the VM passes the tree's path in BONDBRIDGE_NM_ROOT) and
 * run from there with the tree's libraries; every file written here (udev's rules, the bus's policy
 * include, NetworkManager's configuration and profile) lands in the guest's throw-away overlay.
 * Call only inside the VM.
 */
final class NetworkManagerLab implements AutoCloseable {
  static final Path CONF_D = Path.of("/etc/NetworkManager/conf.d");
  private static final Path CONNECTIONS = Path.of("/etc/NetworkManager/system-connections");
  private static final Duration SETTLE = Duration.ofSeconds(90);

  private final ProcessRunner runner = new ProcessRunner();
  private final Path root;
  private final Path log;
  private final List<Process> daemons = new ArrayList<>();
  private Process networkManager;

  private NetworkManagerLab(Path root) throws IOException {
    this.root = root;
    this.log = Files.createTempFile("networkmanager-", ".log");
  }

  /**
   * The bus, udevd and NetworkManager with one profile: {@code uplink}, the node's address and
   * gateway on eth0 (what the lab put there by hand), and no automatic profile for other NICs.
   */
  static NetworkManagerLab running(String profileNic, String cidr, String gateway)
      throws IOException {
    NetworkManagerLab lab =
        start(System.getenv("BONDBRIDGE_NM_ROOT"), () -> uplink(profileNic, cidr, gateway));
    // the lab put the address on the NIC before NetworkManager ran, which it takes as external
    // configuration and leaves: activate the profile, as at boot, where it comes first
    lab.nmcli("connection", "up", "uplink");
    return lab;
  }

  /** The same with these profiles ({@code *.nmconnection}) instead, as on a fresh boot. */
  static NetworkManagerLab runningWith(Path profiles) throws IOException {
    return start(
        System.getenv("BONDBRIDGE_NM_ROOT"),
        () -> {
          try (var files = Files.list(profiles)) {
            for (Path file : files.toList()) {
              Path copy = CONNECTIONS.resolve(file.getFileName().toString());
              Files.copy(file, copy);
              // NetworkManager reads a keyfile only if no one but root may read it
              Files.setPosixFilePermissions(
                  copy, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            }
          }
        });
  }

  private interface Profiles {
    void write() throws IOException;
  }

  private static NetworkManagerLab start(String root, Profiles profiles) throws IOException {
    assertThat(root)
        .as("BONDBRIDGE_NM_ROOT (vm/run-in-vm.sh sets it from vm/fetch-nm.sh)")
        .isNotBlank();
    NetworkManagerLab lab = new NetworkManagerLab(Path.of(root));
    try {
      lab.startBus();
      lab.startUdev();
      configure();
      profiles.write();
      lab.start();
      return lab;
    } catch (IOException | RuntimeException | AssertionError e) {
      lab.close(); // no daemon of this test left for the next one; the log says why
      throw e;
    }
  }

  private void startBus() throws IOException {
    // NetworkManager's bus policy from the unpacked package
    daemons.add(
        SystemBus.start(
            root.resolve("usr/share/dbus-1/system.d"),
            ProcessBuilder.Redirect.appendTo(log.toFile())));
  }

  /**
   * udevd with the packages' rules, and every net device announced to it. The lab's NICs are veth
   * pairs, which NetworkManager's own rule leaves unmanaged (they are usually containers'): an
   * empty rule of the same name in /etc overrides it, as an admin would.
   */
  private void startUdev() throws IOException {
    copyTree(root.resolve("lib/udev"), Path.of("/lib/udev"));
    Files.createDirectories(Path.of("/etc/udev/rules.d"));
    Files.writeString(Path.of("/etc/udev/rules.d/85-nm-unmanaged.rules"), "");
    Files.createDirectories(Path.of("/run/udev"));
    // udevadm is udevd when called so; the tests run in a chroot, which systemd's tools refuse
    daemons.add(daemon(List.of("bash", "-c", "exec -a systemd-udevd " + udevadm())));
    await(() -> Files.exists(Path.of("/run/udev/control")), "udevd's control socket");
    ok(List.of(udevadm(), "trigger", "--type=devices", "--action=add", "--subsystem-match=net"));
    ok(List.of(udevadm(), "settle", "--timeout=60"));
  }

  private static void configure() throws IOException {
    Files.createDirectories(CONNECTIONS);
    Files.createDirectories(CONF_D);
    Files.createDirectories(Path.of("/var/lib/NetworkManager"));
    Files.createDirectories(Path.of("/run/NetworkManager"));
    Files.writeString(
        Path.of("/etc/NetworkManager/NetworkManager.conf"),
        "[main]\nplugins=keyfile\nno-auto-default=*\n\n[logging]\nlevel=INFO\n");
  }

  /** The profile {@code uplink}: the node's address and gateway on the NIC. */
  private static void uplink(String nic, String cidr, String gateway) throws IOException {
    Path profile = CONNECTIONS.resolve("uplink.nmconnection");
    Files.writeString(
        profile,
        String.join(
            "\n",
            "[connection]",
            "id=uplink",
            "type=ethernet",
            "interface-name=" + nic,
            "",
            "[ipv4]",
            "method=manual",
            "address1=" + cidr + "," + gateway,
            "",
            "[ipv6]",
            "method=disabled",
            ""));
    Files.setPosixFilePermissions(
        profile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
  }

  /** Starts NetworkManager and waits for its startup to be complete. */
  void start() {
    networkManager =
        daemon(
            List.of(
                root.resolve("usr/sbin/NetworkManager").toString(),
                "--no-daemon",
                "--debug",
                "--log-level=INFO"));
    // nm-online -s: until NetworkManager says its startup is complete (profiles activated)
    String startup =
        run(List.of(root.resolve("usr/bin/nm-online").toString(), "-s", "--timeout=90"));
    System.out.printf("nm-online -s: %s%n", startup.strip());
  }

  /** Stops NetworkManager as systemd would (SIGTERM); its /run state stays, as on a host. */
  void stop() {
    stop(networkManager);
    networkManager = null;
  }

  /** nmcli's output; fails the test when nmcli fails. */
  String nmcli(String... args) {
    List<String> command = new ArrayList<>(List.of(root.resolve("usr/bin/nmcli").toString()));
    command.addAll(List.of(args));
    return ok(command);
  }

  /** {@code nmcli -t -f GENERAL.STATE device show NIC}'s value, e.g. "100 (connected)". */
  String deviceState(String nic) {
    return nmcli("-g", "GENERAL.STATE", "device", "show", nic).strip();
  }

  /** NetworkManager's log so far. */
  String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private String udevadm() {
    return root.resolve("bin/udevadm").toString();
  }

  private Process daemon(List<String> command) {
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().putAll(environment());
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The command's output, run with the tree's libraries; fails the test when it fails. */
  private String ok(List<String> command) {
    String out = run(command);
    assertThat(out).as("%s", command).doesNotStartWith(FAILED);
    return out;
  }

  private static final String FAILED = "(failed) ";

  /** The command's output, run with the tree's libraries, "(failed) ..." where it fails. */
  private String run(List<String> command) {
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().putAll(environment());
      Process process = builder.start();
      String out = new String(process.getInputStream().readAllBytes());
      assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
      return process.exitValue() == 0 ? out : FAILED + "exit " + process.exitValue() + ": " + out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Map<String, String> environment() {
    return Map.of(
        "LD_LIBRARY_PATH",
        root.resolve("usr/lib/x86_64-linux-gnu") + ":" + root.resolve("lib/x86_64-linux-gnu"),
        "SYSTEMD_IGNORE_CHROOT",
        "1");
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (var files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static void await(java.util.concurrent.Callable<Boolean> condition, String what) {
    SystemBus.await(condition, what, SETTLE);
  }

  private static void stop(Process process) {
    SystemBus.stop(process);
  }

  @Override
  public void close() throws IOException {
    stop();
    for (int i = daemons.size() - 1; i >= 0; i--) {
      stop(daemons.get(i));
    }
    // a later test's NICs must not meet this one's profile, rules or runtime state
    for (Path dir :
        List.of(CONNECTIONS, CONF_D, Path.of("/run/NetworkManager"), Path.of("/run/udev"))) {
      runner.run(List.of("rm", "-rf", dir.toString()));
    }
    Files.deleteIfExists(Path.of("/etc/udev/rules.d/85-nm-unmanaged.rules"));
    System.out.print(log());
  }
}
