package io.bondbridge.agent.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.exec.CommandRunner;
import io.bondbridge.agent.exec.ProcessRunner;
import io.bondbridge.agent.host.LinkDns;
import io.bondbridge.agent.observe.ResolvedLinks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * systemd-resolved in the kernel VM, as on a node that runs it: a system bus ({@code dbus-daemon
 * --system}) and resolved on it, both children of the test, and {@code resolvectl} on the PATH. The
 * package is only unpacked on the machine (vm/fetch-resolved.sh; the VM passes its path in
 * BONDBRIDGE_RESOLVED_ROOT), never installed: every file written here (its user, the bus's policy
 * include, the resolvectl link) lands in the guest's throw-away overlay. Call only inside the VM.
 */
final class ResolvedLab implements AutoCloseable {
  private final CommandRunner runner = new ProcessRunner();
  private final Path root;
  private Process bus;
  private Process resolved;

  private ResolvedLab(Path root) {
    this.root = root;
  }

  /** A system bus without resolved on it: the node where resolved is not running. */
  static ResolvedLab busOnly() {
    String root = System.getenv("BONDBRIDGE_RESOLVED_ROOT");
    assertThat(root)
        .as("BONDBRIDGE_RESOLVED_ROOT (vm/run-in-vm.sh sets it from vm/fetch-resolved.sh)")
        .isNotBlank();
    ResolvedLab lab = new ResolvedLab(Path.of(root));
    lab.startBus();
    return lab;
  }

  /** The bus with resolved running on it. */
  static ResolvedLab running() {
    ResolvedLab lab = busOnly();
    lab.startResolved();
    return lab;
  }

  private void startBus() {
    try {
      ok(
          List.of(
              "systemd-sysusers",
              root.resolve("usr/lib/sysusers.d/systemd-resolve.conf").toString()));
      Path link = Path.of("/usr/local/bin/resolvectl");
      Files.deleteIfExists(link);
      Files.createSymbolicLink(link, root.resolve("usr/bin/resolvectl"));
      // resolved's bus policy from the unpacked package
      bus =
          SystemBus.start(
              root.resolve("usr/share/dbus-1/system.d"), ProcessBuilder.Redirect.INHERIT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void startResolved() {
    try {
      Files.createDirectories(Path.of("/run/systemd"));
      ProcessBuilder builder =
          new ProcessBuilder(root.resolve("lib/systemd/systemd-resolved").toString()).inheritIO();
      builder.environment().put("SYSTEMD_LOG_TARGET", "console");
      resolved = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    await(() -> runner.run(List.of("resolvectl", "dns")).ok(), "resolved on the bus");
  }

  /** Stops resolved; the bus stays. */
  void stopResolved() {
    stop(resolved);
    resolved = null;
  }

  /** What resolved has per interface, from {@code resolvectl dns} and {@code domain}. */
  Map<String, LinkDns> links() {
    return ResolvedLinks.parse(
        ok(List.of("resolvectl", "dns")), ok(List.of("resolvectl", "domain")));
  }

  private String ok(List<String> command) {
    CommandRunner.Result result = runner.run(command);
    assertThat(result.ok()).as("%s: %s", command, result.stderr()).isTrue();
    return result.stdout();
  }

  private static void await(java.util.concurrent.Callable<Boolean> condition, String what) {
    SystemBus.await(condition, what, Duration.ofSeconds(60));
  }

  private static void stop(Process process) {
    SystemBus.stop(process);
  }

  @Override
  public void close() {
    stopResolved();
    stop(bus);
    bus = null;
  }
}
