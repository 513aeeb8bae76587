package io.bondbridge.agent.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * A system bus of the test's own in the kernel VM ({@code dbus-daemon --system}), for the daemons
 * that live on one (systemd-resolved, NetworkManager), and the waiting and stopping their labs
 * share. Every file written lands in the guest's throw-away overlay. Call only inside the VM.
 */
final class SystemBus {
  private static final Path SOCKET = Path.of("/run/dbus/system_bus_socket");

  private SystemBus() {}

  /**
   * Starts the bus with the policy files of {@code policies} included (the unpacked package's
   * {@code usr/share/dbus-1/system.d}) and returns once its socket is there.
   */
  static Process start(Path policies, ProcessBuilder.Redirect output) throws IOException {
    Files.createDirectories(Path.of("/run/dbus"));
    Files.createDirectories(Path.of("/etc/dbus-1"));
    // the system bus's own local include
    Files.writeString(
        Path.of("/etc/dbus-1/system-local.conf"),
        "<busconfig><includedir>" + policies + "</includedir></busconfig>\n");
    // what a bus stopped by an earlier test left behind
    Files.deleteIfExists(Path.of("/run/dbus/pid"));
    Files.deleteIfExists(SOCKET);
    Process bus =
        new ProcessBuilder("dbus-daemon", "--system", "--nofork")
            .redirectErrorStream(true)
            .redirectOutput(output)
            .start();
    await(() -> Files.exists(SOCKET), "the system bus socket", Duration.ofSeconds(60));
    return bus;
  }

  /** Polls {@code condition} until it holds; fails the test after {@code timeout}. */
  static void await(Callable<Boolean> condition, String what, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (!condition.call()) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("timed out waiting for " + what);
        }
        Thread.sleep(100);
      }
    } catch (AssertionError e) {
      throw e;
    } catch (Exception e) {
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
  }

  /** SIGTERM, as systemd stops a daemon; SIGKILL after 30 s. */
  static void stop(Process process) {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
