package io.bondbridge.agent.kernel;

import io.bondbridge.agent.Engine;
import io.bondbridge.agent.apply.Applier;
import io.bondbridge.agent.apply.KernelModules;
import io.bondbridge.agent.exec.CommandRunner;
import io.bondbridge.agent.exec.IpSessions;
import io.bondbridge.agent.exec.Iproute;
import io.bondbridge.agent.exec.ProcessRunner;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.observe.HostObserver;
import io.bondbridge.agent.resolved.Resolvectl;
import io.bondbridge.agent.safety.ChangeGuard;
import io.bondbridge.agent.safety.ProbeRunner;
import io.bondbridge.agent.safety.StateDir;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The kit's kernel lab ({@link io.bondbridge.testkit.KernelLab}: NICs, switch, gateway, peer,
 * cables, restore) as the agent's code sees it: the host read by the agent's own observer, the
 * engine on the lab's kernel, the agent's command runner. It lives here, not in the kit, because
 * the kit cannot depend on node-agent (whose tests use the kit); e2e uses it through node-agent's
 * test jar.
 */
public final class KernelLab extends io.bondbridge.testkit.KernelLab {
  public final CommandRunner runner = new ProcessRunner();
  // the lab's own eye: one ip process per read, apart from the session the engine uses
  public final HostObserver observer = new HostObserver(runner);

  /** The agent's long-lived ip sessions, as the CLI and the agent run them. */
  public final IpSessions ip = new IpSessions(runner);

  private KernelLab(int nics, String addressedNic) {
    super(nics, addressedNic);
  }

  /** A node with {@code nics} NICs, eth0 carrying the node IP and the default route. */
  public static KernelLab withNics(int nics) {
    KernelLab lab = new KernelLab(nics, "eth0");
    lab.wire();
    return lab;
  }

  /**
   * A node with {@code nics} NICs without any address, reached through a separate management NIC
   * {@value #MANAGEMENT_NIC} that carries the node IP and the default route.
   */
  public static KernelLab withManagementNic(int nics) {
    KernelLab lab = new KernelLab(nics, MANAGEMENT_NIC);
    lab.wire();
    return lab;
  }

  public Engine engine() {
    return engine(ip);
  }

  /** The engine with its steps sent {@code through} something else (e.g. one that fails a step). */
  public Engine engine(Iproute through) {
    return new Engine(
        new HostObserver(ip, runner, Path.of("/")).withResolved(new Resolvectl(runner)),
        new Applier(through, runner),
        new KernelModules(runner));
  }

  /**
   * The engine as the agent runs it, guarded: probes, checkpoints in {@code stateDir}, rollback; a
   * later one on the same dir finds what an earlier one left (a run killed between steps).
   */
  public Engine guarded(Path stateDir, Applier.Listener hooks) {
    ChangeGuard guard =
        new ChangeGuard(
            new Applier(ip, runner),
            new StateDir(stateDir),
            new ProbeRunner(runner, observer::observe),
            Clock.systemUTC());
    return engine().guarded(guard, null, hooks);
  }

  public Engine guarded(Path stateDir) {
    return guarded(stateDir, new Applier.Listener() {});
  }

  @Override
  public void close() {
    ip.close();
    super.close();
  }

  /** The host as the agent observes it. */
  public HostState host() {
    return observer.observe();
  }

  /**
   * What {@code ip monitor link} prints in that many seconds: nothing on a host at rest, where no
   * manager flaps a link. The window is a count of events, not a timing.
   */
  public List<String> linkEvents(int seconds) {
    String out =
        runner
            .run(List.of("timeout", String.valueOf(seconds), "ip", "-o", "monitor", "link"))
            .stdout();
    return out.lines().filter(l -> !l.isBlank()).toList();
  }

  /**
   * The node's address and default route off eth0, where the lab put them: the host as a fresh boot
   * leaves it for the tool under test (ifupdown, networkd, NetworkManager, a DHCP client).
   */
  public void nodeAddressOff() {
    ip("route", "del", "default");
    ip("addr", "del", NODE_CIDR, "dev", "eth0");
  }

  /** The links that hold this address (the node's, for one). */
  public List<String> holdersOf(String cidr) {
    return host().addresses().stream()
        .filter(a -> a.cidr().equals(cidr))
        .map(io.bondbridge.agent.host.Address::device)
        .toList();
  }
}
