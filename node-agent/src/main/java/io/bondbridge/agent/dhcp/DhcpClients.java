package io.bondbridge.agent.dhcp;

import io.bondbridge.agent.exec.CommandRunner;
import io.bondbridge.agent.host.Lease;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's DHCP clients, one dhclient per interface: its exit is the event that starts it again,
 * after a pause that doubles from 0.5 s up to 30 s while it keeps dying at once. Its output goes to
 * a file, not to a pipe, so it outlives the JVM that started it: the one-host CLI leaves it
 * running, and an agent that dies does not take the lease with it. A client an earlier run left on
 * our lease file (the CLI's last command, the agent before a restart) is adopted when it is first
 * asked about: watched the same way (the JDK polls a process that is not its child), stopped by a
 * teardown, and replaced by a child of ours once it ends. So the CLI plans nothing for a lease that
 * is kept, and a teardown stops the client whichever run started it.
 */
public final class DhcpClients implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DhcpClients.class);
  private static final Duration FIRST_PAUSE = Duration.ofMillis(500);
  private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);
  private static final Duration STEADY = Duration.ofSeconds(30);

  private final Dhclient dhclient;
  private final CommandRunner runner;
  private final StartedOn startedOn;
  private final ScheduledExecutorService timer;
  private final Map<String, Client> clients = new HashMap<>();

  /** A wanted client: the process running now (null while it waits to start again). */
  private static final class Client {
    final boolean router;
    ProcessHandle process;
    long startedAt;
    Duration pause = FIRST_PAUSE;

    Client(boolean router) {
      this.router = router;
    }
  }

  public DhcpClients(Dhclient dhclient, CommandRunner runner) {
    this(dhclient, runner, StartedOn.Interfaces.SYSFS);
  }

  /**
   * @param interfaces the kernel's index of each interface (a stand-in in a test)
   */
  DhcpClients(Dhclient dhclient, CommandRunner runner, StartedOn.Interfaces interfaces) {
    this.dhclient = dhclient;
    this.runner = runner;
    this.startedOn = new StartedOn(dhclient.files(), interfaces);
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "dhcp-clients");
              t.setDaemon(true);
              return t;
            });
  }

  public Dhclient dhclient() {
    return dhclient;
  }

  /**
   * Keeps a lease on {@code device}: starts its client unless ours already runs there.
   *
   * @param router whether the lease's router becomes the default route
   */
  public synchronized void keep(String device, boolean router) {
    Client client = clients.get(device);
    if (client != null
        && client.router == router
        && client.process != null
        && client.process.isAlive()
        && !servesAnother(device)) {
      return;
    }
    if (client != null && client.process != null) {
      clients.remove(device);
      stopProcess(client.process);
    }
    dhclient.files().install();
    stopOrphan(device);
    client = new Client(router);
    clients.put(device, client);
    start(device, client);
  }

  /**
   * Whether a client of ours keeps a lease on {@code device}: one this run started, or one an
   * earlier run left, which is adopted from now on.
   */
  public synchronized boolean running(String device) {
    if (servesAnother(device)) {
      LOG.warn(
          "DHCP client on {} serves an interface of that name that is gone (it was deleted, and"
              + " maybe made again): stopping it, so that the lease is asked for on {} as it is",
          device,
          device);
      stop(device);
      return false;
    }
    Client client = clients.get(device);
    if (client != null && client.process != null && client.process.isAlive()) {
      return true;
    }
    Optional<ProcessHandle> left = client == null ? orphan(device) : Optional.empty();
    left.ifPresent(p -> adopt(device, p));
    return left.isPresent();
  }

  /**
   * Whether the client on {@code device} (running, or left by an earlier run) started on an
   * interface that is no longer there ({@link StartedOn}).
   */
  private boolean servesAnother(String device) {
    return startedOn.gone(device)
        && (Optional.ofNullable(clients.get(device))
                .map(c -> c.process != null && c.process.isAlive())
                .orElse(false)
            || orphan(device).isPresent());
  }

  private void adopt(String device, ProcessHandle left) {
    boolean router =
        left.info().arguments().map(a -> List.of(a).contains(Dhclient.ROUTER_YES)).orElse(false);
    Client client = new Client(router);
    client.process = left;
    client.startedAt = System.nanoTime();
    clients.put(device, client);
    LOG.info(
        "DHCP client on {} (pid {}) was left by an earlier run: watching it", device, left.pid());
    left.onExit().thenRun(() -> exited(device, left, "an earlier run's client"));
  }

  /**
   * Stops the client without giving the lease back: the address stays, for the next client (the
   * port's own, on teardown of an inherited lease) to renew.
   */
  public synchronized void stop(String device) {
    Client client = clients.remove(device);
    if (client != null && client.process != null) {
      stopProcess(client.process);
    }
    stopOrphan(device);
  }

  /** Stops the client and gives the lease back to the server; the hook removes the address. */
  public synchronized CommandRunner.Result release(String device) {
    Client client = clients.remove(device);
    if (!Files.exists(dhclient.files().leases(device))) {
      stop(device);
      return new CommandRunner.Result(0, "", "");
    }
    // dhclient -r stops the running client through its pid file, then sends the release
    CommandRunner.Result result = runner.run(dhclient.release(device));
    if (client != null && client.process != null) {
      stopProcess(client.process);
    }
    return result;
  }

  /** The lease the client last bound or renewed on {@code device}, if any. */
  public Optional<Lease> lease(String device) {
    Path summary = dhclient.files().summary(device);
    try {
      return Files.exists(summary) ? Lease.parse(Files.readString(summary)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Ends the supervision; the clients go on (their leases outlive the agent's JVM). */
  @Override
  public synchronized void close() {
    clients.clear();
    timer.shutdownNow();
  }

  private void start(String device, Client client) {
    List<String> command = dhclient.keep(device, client.router);
    File log = dhclient.files().log(device).toFile();
    startedOn.record(device);
    Process child;
    try {
      child =
          new ProcessBuilder(command)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
              .start();
    } catch (IOException e) {
      LOG.warn("cannot start the DHCP client on {}: {}", device, e.getMessage());
      client.process = null;
      later(device, client);
      return;
    }
    client.process = child.toHandle();
    client.startedAt = System.nanoTime();
    ProcessHandle started = client.process;
    LOG.info("DHCP client on {} started (pid {})", device, started.pid());
    child.onExit().thenRun(() -> exited(device, started, "exit " + child.exitValue()));
  }

  private synchronized void exited(String device, ProcessHandle process, String how) {
    Client client = clients.get(device);
    if (client == null || client.process != process) {
      return; // stopped on purpose, or already replaced
    }
    LOG.warn(
        "DHCP client on {} ended ({}); starting it again (its output: {})",
        device,
        how,
        dhclient.files().log(device));
    client.process = null;
    if (System.nanoTime() - client.startedAt > STEADY.toNanos()) {
      client.pause = FIRST_PAUSE;
    }
    later(device, client);
  }

  private void later(String device, Client client) {
    Duration pause = client.pause;
    client.pause =
        pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
    timer.schedule(() -> restart(device, client), pause.toMillis(), TimeUnit.MILLISECONDS);
  }

  private synchronized void restart(String device, Client client) {
    if (clients.get(device) == client && client.process == null) {
      start(device, client);
    }
  }

  /** A dhclient on our lease file that is not our child: left by an earlier run. */
  private Optional<ProcessHandle> orphan(String device) {
    Path pidFile = dhclient.files().pid(device);
    try {
      if (!Files.exists(pidFile)) {
        return Optional.empty();
      }
      long pid = Long.parseLong(Files.readString(pidFile).strip());
      String leases = dhclient.files().leases(device).toString();
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .filter(
              p -> p.info().arguments().map(args -> List.of(args).contains(leases)).orElse(false));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private void stopOrphan(String device) {
    orphan(device)
        .ifPresent(
            p -> {
              LOG.info(
                  "DHCP client on {} (pid {}) was left by an earlier run: replacing it",
                  device,
                  p.pid());
              p.destroy(); // SIGTERM: the hook's STOP leaves the address in place
              try {
                p.onExit().get(5, TimeUnit.SECONDS);
              } catch (Exception e) {
                p.destroyForcibly();
              }
            });
  }

  private static void stopProcess(ProcessHandle process) {
    process.destroy(); // SIGTERM: the hook's STOP leaves the address in place
    try {
      process.onExit().get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    } catch (Exception e) {
      process.destroyForcibly();
    }
  }
}
