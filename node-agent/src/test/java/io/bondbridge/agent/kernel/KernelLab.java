package io.bondbridge.agent.kernel;

import io.bondbridge.agent.Engine;
import io.bondbridge.agent.apply.Applier;
import io.bondbridge.agent.apply.KernelModules;
import io.bondbridge.agent.exec.CommandRunner;
import io.bondbridge.agent.exec.ProcessRunner;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.observe.HostObserver;

/**
 * The kit's kernel lab ({@link io.bondbridge.testkit.KernelLab}: NICs, switch, gateway, peer,
 * cables, restore) as the agent's code sees it: the host read by the agent's own observer, the
 * engine on the lab's kernel, the agent's command runner. It lives here, not in the kit, because
 * the kit cannot depend on node-agent (whose tests use the kit); e2e uses it through node-agent's
 * test jar.
 */
public final class KernelLab extends io.bondbridge.testkit.KernelLab {
  public final CommandRunner runner = new ProcessRunner();
  public final HostObserver observer = new HostObserver(runner);

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
    return engine(runner);
  }

  /** The engine with its steps run {@code through} another runner (e.g. one that fails a step). */
  public Engine engine(CommandRunner through) {
    return new Engine(new HostObserver(runner), new Applier(through), new KernelModules(runner));
  }

  /** The host as the agent observes it. */
  public HostState host() {
    return observer.observe();
  }
}
