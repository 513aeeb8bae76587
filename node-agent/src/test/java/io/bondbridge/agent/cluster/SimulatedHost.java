package io.bondbridge.agent.cluster;

import io.bondbridge.agent.Engine;
import io.bondbridge.agent.apply.Applier;
import io.bondbridge.agent.drill.DrillReport;
import io.bondbridge.agent.drill.FailoverDrill;
import io.bondbridge.agent.host.BondPort;
import io.bondbridge.agent.host.BondState;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Link;
import io.bondbridge.agent.observe.HostObserver;
import io.bondbridge.agent.plan.LinkStep;
import io.bondbridge.agent.plan.Plan;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.DrillMethod;
import io.bondbridge.api.v1alpha1.DrillPort;
import io.bondbridge.api.v1alpha1.PortSelector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An IN-MEMORY FAKE of the host behind {@link NodeHost}, for the API tier only: no kernel, no
 * {@code ip}. It keeps bonds by name, says a converged spec needs no step, refuses NICs it does not
 * have or that another bond holds, can be told to fail the next apply (or every apply), and pulls
 * and plugs cables the way the kernel's active-backup bond reacts (link failure count up, the
 * active port moves), deletes a bond or releases a port the way an admin's {@code ip} would — then
 * reports a link event, as {@code ip monitor link} would. The real host is the kernel tier: e2e's
 * FullFlowKernelIT.
 */
final class SimulatedHost implements NodeHost, LinkEvents {
  private final List<String> nics;
  private final Map<String, Bond> bonds = new LinkedHashMap<>();
  private volatile Runnable onEvent = () -> {};
  private volatile boolean failNextApply;
  private volatile boolean failApplies;
  final AtomicInteger applies = new AtomicInteger();
  final AtomicInteger deletes = new AtomicInteger();
  final AtomicInteger observations = new AtomicInteger();
  final AtomicInteger concurrent = new AtomicInteger();
  final AtomicInteger maxConcurrent = new AtomicInteger();

  /** A bond as the fake kernel holds it. */
  private record Bond(String owner, String name, List<String> ports, Map<String, Port> state) {}

  private static final class Port {
    boolean up = true;
    long failures;
  }

  private final Map<String, String> active = new LinkedHashMap<>();
  private final Map<String, HostObserver> readThrough = new LinkedHashMap<>();
  final AtomicInteger readsThrough = new AtomicInteger();

  SimulatedHost(String... nics) {
    this.nics = List.of(nics);
  }

  /**
   * Planning this bond first reads the host through a REAL observer (and its real command runner),
   * as the engine does: how a test makes one child's {@code ip} hang while the others' does not.
   */
  synchronized void readThrough(String bond, HostObserver observer) {
    readThrough.put(bond, observer);
  }

  void failNextApply() {
    failNextApply = true;
  }

  /** Every apply fails until told otherwise (a step the kernel keeps refusing). */
  void failApplies(boolean fail) {
    failApplies = fail;
  }

  /** {@code ip link del BOND} by hand: the bond goes, its ports are free. */
  void deleteBond(String name) {
    synchronized (this) {
      bonds.remove(name);
      active.remove(name);
    }
    onEvent.run();
  }

  /** {@code ip link set NIC nomaster} by hand: the port leaves its bond. */
  void release(String nic) {
    synchronized (this) {
      for (Bond b : List.copyOf(bonds.values())) {
        if (b.ports().contains(nic)) {
          List<String> ports = new ArrayList<>(b.ports());
          ports.remove(nic);
          Map<String, Port> state = new LinkedHashMap<>(b.state());
          state.remove(nic);
          bonds.put(b.name(), new Bond(b.owner(), b.name(), ports, state));
          if (nic.equals(active.get(b.name()))) {
            active.put(b.name(), ports.isEmpty() ? null : ports.get(0));
          }
        }
      }
    }
    onEvent.run();
  }

  /** An admin's own bond (no BondBridge made it) over these NICs. */
  void foreignBond(String name, String... ports) {
    synchronized (this) {
      Map<String, Port> state = new LinkedHashMap<>();
      for (String p : ports) {
        state.put(p, new Port());
      }
      bonds.put(name, new Bond("someone else", name, List.of(ports), state));
      active.put(name, ports[0]);
    }
    onEvent.run();
  }

  synchronized List<String> portsOf(String bond) {
    Bond b = bonds.get(bond);
    return b == null ? List.of() : List.copyOf(b.ports());
  }

  synchronized boolean hasBond(String name) {
    return bonds.containsKey(name);
  }

  synchronized String activePort(String bond) {
    return active.get(bond);
  }

  /** The cable of a NIC is pulled: its bond marks it down and fails over if it was active. */
  void pull(String nic) {
    synchronized (this) {
      for (Bond b : bonds.values()) {
        Port p = b.state().get(nic);
        if (p != null && p.up) {
          p.up = false;
          p.failures++;
          if (nic.equals(active.get(b.name()))) {
            active.put(
                b.name(),
                b.ports().stream().filter(n -> b.state().get(n).up).findFirst().orElse(null));
          }
        }
      }
    }
    onEvent.run();
  }

  void plug(String nic) {
    synchronized (this) {
      for (Bond b : bonds.values()) {
        Port p = b.state().get(nic);
        if (p != null) {
          p.up = true;
          if (active.get(b.name()) == null) {
            active.put(b.name(), nic);
          }
        }
      }
    }
    onEvent.run();
  }

  final AtomicInteger drills = new AtomicInteger();
  final AtomicInteger portsPutBack = new AtomicInteger();
  private volatile AtomicInteger drillsNow = new AtomicInteger();
  private volatile AtomicInteger mostDrillsAtOnce = new AtomicInteger();

  /**
   * Counts this host's drills in counters shared with other hosts: how a test sees whether two
   * nodes were drilled at once.
   */
  void countDrillsIn(AtomicInteger now, AtomicInteger most) {
    drillsNow = now;
    mostDrillsAtOnce = most;
  }

  /**
   * Each port pulled and plugged in turn, as {@link FailoverDrill} does, with figures of this
   * fake's own (not measured: the kernel tier measures). Refused as the real drill is: no bond of
   * the spec's BondBridge, or a port down already.
   */
  @Override
  public DrillReport drill(BondBridgeNodeSpec spec, DrillMethod method) {
    String name = spec.bond().name();
    List<String> ports;
    synchronized (this) {
      Bond b = bonds.get(name);
      if (b == null || !b.owner().equals(spec.bondBridge())) {
        return new DrillReport(
            name,
            method.name(),
            null,
            List.of(),
            List.of(name + " is not on this host"),
            List.of(),
            null);
      }
      List<String> down = b.ports().stream().filter(p -> !b.state().get(p).up).toList();
      if (!down.isEmpty()) {
        return new DrillReport(
            name,
            method.name(),
            null,
            List.of(),
            List.of(String.join(", ", down) + " is down already"),
            List.of(),
            null);
      }
      ports = List.copyOf(b.ports());
    }
    drills.incrementAndGet();
    mostDrillsAtOnce.accumulateAndGet(drillsNow.incrementAndGet(), Math::max);
    try {
      List<DrillPort> results = new ArrayList<>();
      for (String port : ports) {
        boolean wasActive = port.equals(activePort(name));
        pull(port);
        pause(100); // a drill takes time: two at once would overlap
        String after = activePort(name);
        plug(port);
        results.add(new DrillPort(port, wasActive, after, wasActive ? 10L : 0L, 1, 20, 5L, 0));
      }
      return new DrillReport(name, method.name(), "10.0.0.1", List.of(), List.of(), results, null);
    } finally {
      drillsNow.decrementAndGet();
    }
  }

  @Override
  public void putPortsBack(BondBridgeNodeSpec spec) {
    portsPutBack.incrementAndGet();
    portsOf(spec.bond().name()).forEach(this::plug);
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A link event that changes nothing the agent reports (e.g. another interface's counters). */
  void noise() {
    onEvent.run();
  }

  @Override
  public synchronized Plan plan(BondBridgeNodeSpec spec) {
    HostObserver observer = readThrough.get(spec.bond().name());
    if (observer != null) {
      readsThrough.incrementAndGet();
      observer.observe();
    }
    List<String> ports = ports(spec);
    List<String> refusals = new ArrayList<>();
    for (String port : ports) {
      if (!nics.contains(port)) {
        refusals.add("port " + port + " not found on this host");
      }
      for (Bond b : bonds.values()) {
        if (!b.owner().equals(spec.bondBridge()) && b.ports().contains(port)) {
          refusals.add(port + " is enslaved to " + b.name() + " of BondBridge " + b.owner());
        }
      }
    }
    if (!refusals.isEmpty()) {
      return Plan.refused(refusals);
    }
    Bond existing = bonds.get(spec.bond().name());
    if (existing != null
        && existing.owner().equals(spec.bondBridge())
        && existing.ports().equals(ports)) {
      return Plan.of(List.of());
    }
    return Plan.of(List.of(new LinkStep.CreateBond(spec.bond().name(), Map.of())));
  }

  /** The fake holds its state itself: the observation adds nothing to plan with. */
  @Override
  public Plan plan(BondBridgeNodeSpec spec, HostState observed) {
    return plan(spec);
  }

  @Override
  public Engine.Outcome apply(BondBridgeNodeSpec spec) {
    int now = concurrent.incrementAndGet();
    maxConcurrent.accumulateAndGet(now, Math::max);
    try {
      Thread.sleep(50); // an apply takes time: overlapping ones would show in maxConcurrent
      synchronized (this) {
        applies.incrementAndGet();
        Plan plan = plan(spec);
        if (plan.isRefused()) {
          return new Engine.Outcome(plan, null);
        }
        if (failNextApply || failApplies) {
          failNextApply = false;
          onEvent.run(); // the kernel reports the links a failed apply changed and changed back
          return new Engine.Outcome(
              plan,
              new Applier.Result(
                  List.of(),
                  plan.steps().get(0),
                  "ip link add name " + spec.bond().name() + " type bond: File exists",
                  List.of()));
        }
        Map<String, Port> state = new LinkedHashMap<>();
        ports(spec).forEach(p -> state.put(p, new Port()));
        bonds.put(
            spec.bond().name(),
            new Bond(spec.bondBridge(), spec.bond().name(), ports(spec), state));
        active.put(spec.bond().name(), ports(spec).get(0));
        return new Engine.Outcome(plan, new Applier.Result(plan.steps(), null, null, List.of()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      concurrent.decrementAndGet();
    }
  }

  @Override
  public synchronized Engine.Outcome delete(BondBridgeNodeSpec spec) {
    deletes.incrementAndGet();
    Bond b = bonds.get(spec.bond().name());
    if (b != null && b.owner().equals(spec.bondBridge())) {
      bonds.remove(b.name());
      active.remove(b.name());
    }
    return new Engine.Outcome(
        Plan.of(List.of()), new Applier.Result(List.of(), null, null, List.of()));
  }

  @Override
  public synchronized HostState observe() {
    observations.incrementAndGet();
    List<Link> links = new ArrayList<>();
    int index = 2;
    for (String nic : nics) {
      String master = null;
      boolean carrier = true;
      for (Bond b : bonds.values()) {
        if (b.state().containsKey(nic)) {
          master = b.name();
          carrier = b.state().get(nic).up;
        }
      }
      links.add(link(index++, nic, null, master, carrier));
    }
    List<BondState> states = new ArrayList<>();
    for (Bond b : bonds.values()) {
      links.add(link(index++, b.name(), "bond", null, true));
      List<BondPort> ports = new ArrayList<>();
      for (String name : b.ports()) {
        Port p = b.state().get(name);
        ports.add(
            new BondPort(
                name,
                p.up ? "up" : "down",
                p.failures,
                mac(name),
                1000,
                "full",
                name.equals(active.get(b.name())) ? "active" : "backup"));
      }
      states.add(
          new BondState(
              b.name(),
              "active-backup",
              Map.of("miimon", "100"),
              active.get(b.name()),
              active.get(b.name()) == null ? "down" : "up",
              ports));
    }
    return HostState.of(links, states, List.of(), List.of());
  }

  private static Link link(int index, String name, String kind, String master, boolean carrier) {
    return new Link(
        index,
        name,
        kind,
        master,
        mac(name),
        mac(name),
        true,
        carrier ? "UP" : "DOWN",
        carrier,
        1500,
        null,
        null,
        null,
        null,
        Map.of());
  }

  private static String mac(String name) {
    return String.format("52:54:00:bb:00:%02x", Math.floorMod(name.hashCode(), 256));
  }

  private static List<String> ports(BondBridgeNodeSpec spec) {
    return spec.bond().ports().stream().map(PortSelector::name).toList();
  }

  // LinkEvents: this fake is also the kernel's link monitor

  @Override
  public void start(Runnable onEvent) {
    this.onEvent = onEvent;
  }

  @Override
  public void close() {
    onEvent = () -> {};
  }
}
