package io.bondbridge.agent.resolved;

import io.bondbridge.agent.exec.CommandRunner;
import io.bondbridge.agent.host.Resolved;
import io.bondbridge.agent.observe.ResolvedLinks;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads systemd-resolved's per-link settings with {@code resolvectl dns} and {@code resolvectl
 * domain}, and finds out before any change whether resolved can take settings here at all: a host
 * without a system bus, without resolvectl, or where no one owns resolved's bus name, is {@link
 * Resolved#absent absent} with the reason. Only where the bus socket exists is a process started.
 */
public final class Resolvectl {
  /** The program; the agent's steps that change resolved's settings run it too. */
  public static final String PROGRAM = "resolvectl";

  /** Where libsystemd looks for the system bus unless DBUS_SYSTEM_BUS_ADDRESS says otherwise. */
  public static final Path SYSTEM_BUS = Path.of("/run/dbus/system_bus_socket");

  private final CommandRunner runner;
  private final Path bus;

  public Resolvectl(CommandRunner runner) {
    this(runner, SYSTEM_BUS);
  }

  /**
   * @param bus the system bus socket to look for (ignored when DBUS_SYSTEM_BUS_ADDRESS is set)
   */
  public Resolvectl(CommandRunner runner, Path bus) {
    this.runner = runner;
    this.bus = bus;
  }

  public Resolved read() {
    if (System.getenv("DBUS_SYSTEM_BUS_ADDRESS") == null && !Files.exists(bus)) {
      return Resolved.absent(
          "there is no system D-Bus at "
              + bus
              + " (the agent's pod mounts the host's; a host without D-Bus has no"
              + " systemd-resolved)");
    }
    CommandRunner.Result dns;
    CommandRunner.Result domain;
    try {
      dns = runner.run(List.of(PROGRAM, "dns"));
      domain = dns.ok() ? runner.run(List.of(PROGRAM, "domain")) : dns;
    } catch (UncheckedIOException e) {
      return Resolved.absent(PROGRAM + " cannot be run here (" + e.getMessage() + ")");
    }
    for (CommandRunner.Result result : List.of(dns, domain)) {
      if (!result.ok()) {
        return Resolved.absent(
            "systemd-resolved does not answer on the system bus: "
                + (result.stderr().isBlank() ? "exit code " + result.exitCode() : result.stderr())
                    .strip());
      }
    }
    return Resolved.running(ResolvedLinks.parse(dns.stdout(), domain.stdout()));
  }
}
