package io.bondbridge.agent.drill;

import io.bondbridge.agent.exec.CommandRunner;
import io.bondbridge.agent.host.BondPort;
import io.bondbridge.agent.host.BondState;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Link;
import io.bondbridge.agent.host.Route;
import io.bondbridge.agent.observe.HostObserver;
import io.bondbridge.agent.plan.Ownership;
import io.bondbridge.agent.safety.ProbeRunner;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.DrillMethod;
import io.bondbridge.api.v1alpha1.DrillPort;
import io.bondbridge.api.v1alpha1.Probes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Seed 001's failover test, automated: with the gateway and the probe targets pinged every 10 ms
 * throughout (a target with a port: connected to before each port), each port of the bond in turn
 * is failed ({@code link}: its link set down, as a pulled cable; {@code active}: the active port
 * switched to it and back, as {@code ifenslave -c}), the bond watched until it has moved its
 * traffic (/proc/net/bonding, read every 10 ms), the port put back, and the bond watched until it
 * is whole again. It never takes the last path away: it does not start while a port is down, a
 * probe fails, or the bond is not BondBridge's; it stops before the next port when the last one did
 * not come back or a probe stopped answering; and it puts every port back whatever happens.
 */
public final class FailoverDrill {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Duration SETTLE = Duration.ofMillis(500);
  // with every port up, a pinged address this long without an answer: something else is wrong
  private static final Duration SILENCE_LIMIT = Duration.ofSeconds(2);
  private static final long POLL_MILLIS = 10;

  private final CommandRunner runner;
  private final HostObserver observer;
  private final ProbeRunner probes;

  public FailoverDrill(CommandRunner runner, HostObserver observer) {
    this.runner = runner;
    this.observer = observer;
    this.probes = new ProbeRunner(runner, observer::observe);
  }

  /** Why the drill must not start on this host; empty when it may. Pure. */
  static List<String> refusals(BondBridgeNodeSpec spec, HostState host, DrillMethod method) {
    String name = spec.bond().name();
    Optional<Link> link = host.link(name);
    Optional<BondState> bond = host.bond(name);
    if (link.isEmpty() || bond.isEmpty()) {
      return List.of(name + " is not on this host: apply the BondBridge first (or adopt it)");
    }
    List<String> refusals = new ArrayList<>();
    Ownership owner = new Ownership(spec.bondBridge());
    if (!owner.owns(link.get())) {
      refusals.add(
          name
              + " is not BondBridge "
              + spec.bondBridge()
              + "'s (no '"
              + owner.mark()
              + "' alias): a drill fails ports of a bond BondBridge manages only");
    }
    List<BondPort> ports = bond.get().ports();
    if (ports.size() < 2) {
      refusals.add(
          name + " has " + ports.size() + " port(s): failing one would take the last path away");
    }
    for (BondPort port : ports) {
      if (!port.isUp()) {
        refusals.add(
            port.name()
                + " is down already (MII status "
                + port.miiStatus()
                + "): a drill never takes the last path away; plug it back first");
      }
    }
    if (method == DrillMethod.active && !bond.get().hasActivePort()) {
      refusals.add(
          "mode " + bond.get().mode() + " has no active port to switch: use --method link");
    }
    if (gateway(host, spec.topInterface()).isEmpty()) {
      refusals.add(
          "no IPv4 default route via "
              + spec.topInterface()
              + ": the drill probes the gateway, and there is none to probe");
    }
    return refusals;
  }

  /** The IPv4 default gateway via the top interface. Pure. */
  static Optional<String> gateway(HostState host, String top) {
    return host.routesVia(top).stream()
        .filter(r -> r.isDefault() && !r.isIpv6() && r.gateway() != null)
        .map(Route::gateway)
        .findFirst();
  }

  /** Runs the drill, or says why it did not start. Every port is up again when it returns. */
  public DrillReport run(BondBridgeNodeSpec spec, DrillMethod method) {
    String bond = spec.bond().name();
    HostState host = observer.observe();
    List<String> refusals = refusals(spec, host, method);
    if (!refusals.isEmpty()) {
      return DrillReport.refused(bond, method.name(), refusals);
    }
    String gateway = gateway(host, spec.topInterface()).orElseThrow();
    List<String> ports =
        host.bond(bond).orElseThrow().ports().stream().map(BondPort::name).toList();
    String firstActive = host.bond(bond).orElseThrow().activePort();
    List<DrillPort> results = new ArrayList<>();
    String stopped = null;
    List<String> targets;
    try (DrillProbes probed = new DrillProbes(runner, probes, gateway, targets(spec))) {
      targets = probed.targets();
      waitFor(probed::allAnswered);
      List<String> failing = probed.failing();
      if (!failing.isEmpty()) {
        return DrillReport.refused(
            bond,
            method.name(),
            List.of(
                "the probes fail before the drill (it starts only if every one passes): "
                    + String.join(", ", failing)));
      }
      for (String port : ports) {
        stopped = stopBefore(bond, port, probed).orElse(null);
        if (stopped != null) {
          break;
        }
        if (method == DrillMethod.link) {
          results.add(pullAndPlug(bond, port, probed));
        } else if (!port.equals(firstActive)) {
          results.add(switchOverAndBack(bond, port, firstActive, probed));
        }
      }
    } finally {
      setUp(ports);
    }
    return new DrillReport(bond, method.name(), gateway, targets, List.of(), results, stopped);
  }

  private static List<Probes.Target> targets(BondBridgeNodeSpec spec) {
    return spec.probes() == null || spec.probes().targets() == null
        ? List.of()
        : spec.probes().targets();
  }

  /**
   * Why the drill must not fail the next port: the last one did not come back (the bond is not
   * whole), or a probe stopped answering with every port up. Either way, failing one more could
   * take the last path away.
   */
  private Optional<String> stopBefore(String bond, String port, DrillProbes probed) {
    Optional<BondState> now = glance(bond);
    if (now.isEmpty() || !whole(now.get())) {
      return Optional.of(
          "stopped before "
              + port
              + ": "
              + bond
              + " is not whole (a port is down), so failing another could cut the node off");
    }
    return probed
        .firstFailing(SILENCE_LIMIT.toMillis(), System.currentTimeMillis())
        .map(why -> "stopped before " + port + ": with every port up, " + why);
  }

  /**
   * Sets every port of the bond up: what a drill that was cut off (the agent restarted during it)
   * left down comes back. A port whose cable is out stays down by itself; nothing else changes.
   */
  public void putPortsBack(String bond) {
    observer.glance(bond).ifPresent(b -> setUp(b.ports().stream().map(BondPort::name).toList()));
  }

  /** {@code ip link set dev PORT up} for each, whatever came of the one before. */
  private void setUp(List<String> ports) {
    ports.forEach(p -> runner.run(List.of("ip", "link", "set", "dev", p, "up")));
  }

  private DrillPort pullAndPlug(String bond, String port, DrillProbes log) {
    boolean wasActive = port.equals(glance(bond).map(BondState::activePort).orElse(null));
    long failedAt = System.currentTimeMillis();
    ip("link", "set", "dev", port, "down");
    Long failover =
        elapsedUntil(
            failedAt,
            b ->
                portDown(b, port)
                    && (!wasActive || (b.activePort() != null && !port.equals(b.activePort()))),
            bond);
    pause(SETTLE);
    String activeAfter = glance(bond).map(BondState::activePort).orElse(null);
    long backAt = System.currentTimeMillis();
    ip("link", "set", "dev", port, "up");
    Long restore = elapsedUntil(backAt, FailoverDrill::whole, bond);
    pause(SETTLE);
    return result(port, wasActive, activeAfter, failover, restore, failedAt, backAt, log);
  }

  private DrillPort switchOverAndBack(String bond, String port, String active, DrillProbes log) {
    long failedAt = System.currentTimeMillis();
    activate(bond, port);
    Long failover = elapsedUntil(failedAt, b -> port.equals(b.activePort()), bond);
    pause(SETTLE);
    long backAt = System.currentTimeMillis();
    activate(bond, active);
    Long restore = elapsedUntil(backAt, b -> active.equals(b.activePort()) && whole(b), bond);
    pause(SETTLE);
    return result(port, false, port, failover, restore, failedAt, backAt, log);
  }

  private static DrillPort result(
      String port,
      boolean wasActive,
      String activeAfter,
      Long failover,
      Long restore,
      long failedAt,
      long backAt,
      DrillProbes log) {
    PingLog.Loss out = log.worst(failedAt, backAt);
    PingLog.Loss back = log.worst(backAt, System.currentTimeMillis());
    return new DrillPort(
        port,
        wasActive,
        activeAfter,
        failover,
        out.lost(),
        out.longestSilenceMillis(),
        restore,
        back.lost());
  }

  /** {@code ip link set dev BOND type bond active_slave PORT}: what {@code ifenslave -c} did. */
  public CommandRunner.Result activate(String bond, String port) {
    return runner.run(
        List.of("ip", "link", "set", "dev", bond, "type", "bond", "active_slave", port));
  }

  private void ip(String... args) {
    List<String> command = new ArrayList<>(List.of("ip"));
    command.addAll(List.of(args));
    CommandRunner.Result result = runner.run(command);
    if (!result.ok()) {
      throw new IllegalStateException(String.join(" ", command) + ": " + result.stderr().strip());
    }
  }

  private static boolean portDown(BondState bond, String port) {
    return bond.ports().stream().anyMatch(p -> p.name().equals(port) && !p.isUp());
  }

  private static boolean whole(BondState bond) {
    return !bond.ports().isEmpty() && bond.ports().stream().allMatch(BondPort::isUp);
  }

  private Optional<BondState> glance(String bond) {
    return observer.glance(bond);
  }

  /** Milliseconds from {@code since} until the bond is as {@code wanted} says; null past WAIT. */
  private Long elapsedUntil(long since, Predicate<BondState> wanted, String bond) {
    return waitFor(() -> glance(bond).filter(wanted).isPresent())
        ? System.currentTimeMillis() - since
        : null;
  }

  private static boolean waitFor(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      pause(Duration.ofMillis(POLL_MILLIS));
    }
    return true;
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
