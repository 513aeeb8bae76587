package io.bondbridge.agent.cluster;

import io.bondbridge.agent.drill.DrillReport;
import io.bondbridge.agent.host.BondPort;
import io.bondbridge.agent.host.BondState;
import io.bondbridge.api.v1alpha1.DrillPort;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The agent's Prometheus metrics. Names as scraped (Micrometer adds the unit and {@code _total}):
 *
 * <ul>
 *   <li>{@code bondbridge_agent_port_link_up{bond,port}}: 1 while the port's MII status is up
 *   <li>{@code bondbridge_agent_port_link_failures_total{bond,port}}: the kernel's Link Failure
 *       Count (starts again at 0 when the bond is made again)
 *   <li>{@code bondbridge_agent_bond_active_port{bond,port}}: 1 for the active port, 0 for the
 *       others
 *   <li>{@code bondbridge_agent_failovers_total{bond}}: changes of active port the agent saw
 *   <li>{@code bondbridge_agent_drift_corrections_total{bond}}: times the agent put back what was
 *       changed on the host by hand or by another tool (a DriftCorrected Event each)
 *   <li>{@code bondbridge_agent_apply_seconds{result}}: time to apply a spec; result is applied,
 *       unchanged (the host already matched), refused or failed
 *   <li>{@code bondbridge_agent_link_events_total}: link events read from the kernel
 *   <li>{@code bondbridge_agent_status_writes_total}: status patches sent to the API server
 *   <li>{@code bondbridge_agent_link_event_to_status_seconds}: from a kernel link event to the
 *       status write it caused being acknowledged by the API server
 *   <li>{@code bondbridge_agent_drills_total{bond,result}}: failover drills run (result Succeeded,
 *       Failed or Refused)
 *   <li>{@code bondbridge_agent_drill_failover_seconds{bond,port}}: in the last drill, from failing
 *       the port to the bond having moved its traffic (absent if it did not)
 *   <li>{@code bondbridge_agent_drill_lost_pings{bond,port}}: in the last drill, the gateway's echo
 *       requests (one every 10 ms) lost while the port was out
 * </ul>
 */
public final class AgentMetrics {
  public static final String PORT_LINK_UP = "bondbridge.agent.port.link.up";
  public static final String PORT_LINK_FAILURES = "bondbridge.agent.port.link.failures";
  public static final String BOND_ACTIVE_PORT = "bondbridge.agent.bond.active.port";
  public static final String FAILOVERS = "bondbridge.agent.failovers";
  public static final String DRIFT_CORRECTIONS = "bondbridge.agent.drift.corrections";
  public static final String APPLY = "bondbridge.agent.apply";
  public static final String LINK_EVENTS = "bondbridge.agent.link.events";
  public static final String STATUS_WRITES = "bondbridge.agent.status.writes";
  public static final String LINK_EVENT_TO_STATUS = "bondbridge.agent.link.event.to.status";
  public static final String DRILLS = "bondbridge.agent.drills";
  public static final String DRILL_FAILOVER = "bondbridge.agent.drill.failover";
  public static final String DRILL_LOST = "bondbridge.agent.drill.lost.pings";

  private final MeterRegistry registry;
  private final Map<String, PortValues> ports = new ConcurrentHashMap<>();
  private final Map<String, List<Meter>> metersByBond = new ConcurrentHashMap<>();
  // bond/port -> the last drill's figures of that port
  private final Map<String, DrillValues> drillPorts = new ConcurrentHashMap<>();
  private final Counter linkEvents;
  private final Counter statusWrites;

  public AgentMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.linkEvents =
        Counter.builder(LINK_EVENTS)
            .description("Link events read from the kernel (ip monitor link)")
            .register(registry);
    this.statusWrites =
        Counter.builder(STATUS_WRITES)
            .description("BondBridgeNode status patches sent to the API server")
            .register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  private static final class PortValues {
    final AtomicLong up = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    final AtomicLong active = new AtomicLong();
  }

  /** Records what the kernel says about a bond now. */
  public void observed(BondState bond) {
    for (BondPort port : bond.ports()) {
      PortValues values =
          ports.computeIfAbsent(bond.name() + "/" + port.name(), k -> register(bond, port));
      values.up.set(port.isUp() ? 1 : 0);
      values.failures.set(port.linkFailures());
      values.active.set(port.name().equals(bond.activePort()) ? 1 : 0);
    }
  }

  private PortValues register(BondState bond, BondPort port) {
    PortValues v = new PortValues();
    List<Meter> meters = metersByBond.computeIfAbsent(bond.name(), k -> new ArrayList<>());
    meters.add(
        Gauge.builder(PORT_LINK_UP, v.up, AtomicLong::get)
            .description("1 while the bond port's MII status is up, else 0")
            .tags("bond", bond.name(), "port", port.name())
            .register(registry));
    meters.add(
        FunctionCounter.builder(PORT_LINK_FAILURES, v.failures, AtomicLong::get)
            .description("The kernel's Link Failure Count of the bond port")
            .tags("bond", bond.name(), "port", port.name())
            .register(registry));
    meters.add(
        Gauge.builder(BOND_ACTIVE_PORT, v.active, AtomicLong::get)
            .description("1 for the bond's active port, 0 for the others")
            .tags("bond", bond.name(), "port", port.name())
            .register(registry));
    return v;
  }

  /** The bond is gone from the host (torn down): its series go too. */
  public void forget(String bond) {
    List<Meter> meters = metersByBond.remove(bond);
    if (meters != null) {
      meters.forEach(registry::remove);
    }
    ports.keySet().removeIf(k -> k.startsWith(bond + "/"));
    drillPorts.keySet().removeIf(k -> k.startsWith(bond + "/"));
  }

  private static final class DrillValues {
    final AtomicReference<Double> failoverSeconds = new AtomicReference<>(Double.NaN);
    final AtomicLong lost = new AtomicLong();
  }

  /**
   * A drill ran (or was refused): counted by result; each drilled port's figures replace the last
   * drill's.
   */
  public void drilled(DrillReport report, String result) {
    Counter.builder(DRILLS)
        .description("Failover drills run on the bond, by result")
        .tags("bond", report.bond(), "result", result)
        .register(registry)
        .increment();
    for (DrillPort port : report.ports()) {
      DrillValues v =
          drillPorts.computeIfAbsent(
              report.bond() + "/" + port.port(), k -> registerDrill(report.bond(), port.port()));
      v.failoverSeconds.set(
          port.failoverMillis() == null ? Double.NaN : port.failoverMillis() / 1000.0);
      v.lost.set(port.lost());
    }
  }

  private DrillValues registerDrill(String bond, String port) {
    DrillValues v = new DrillValues();
    List<Meter> meters = metersByBond.computeIfAbsent(bond, k -> new ArrayList<>());
    meters.add(
        Gauge.builder(DRILL_FAILOVER, v.failoverSeconds, AtomicReference::get)
            .description("Last drill: from failing the port to the bond having moved its traffic")
            .baseUnit("seconds")
            .tags("bond", bond, "port", port)
            .register(registry));
    meters.add(
        Gauge.builder(DRILL_LOST, v.lost, AtomicLong::get)
            .description("Last drill: the gateway's echo requests (every 10 ms) lost while out")
            .tags("bond", bond, "port", port)
            .register(registry));
    return v;
  }

  public void failover(String bond) {
    Counter.builder(FAILOVERS)
        .description("Changes of the bond's active port seen by the agent")
        .tags("bond", bond)
        .register(registry)
        .increment();
  }

  public void driftCorrected(String bond) {
    Counter.builder(DRIFT_CORRECTIONS)
        .description(
            "Times the agent put back what was changed on the host by hand or another tool")
        .tags("bond", bond)
        .register(registry)
        .increment();
  }

  /** Drift corrections of the bond so far (0 before the first). */
  public double driftCorrections(String bond) {
    Counter c = registry.find(DRIFT_CORRECTIONS).tags("bond", bond).counter();
    return c == null ? 0 : c.count();
  }

  /**
   * @param result applied, unchanged, refused or failed
   */
  public void applied(String result, Duration took) {
    Timer.builder(APPLY)
        .description("Time to apply a BondBridgeNode spec to the host")
        .tags("result", result)
        .register(registry)
        .record(took);
  }

  public void linkEvent() {
    linkEvents.increment();
  }

  public void linkEventToStatus(Duration took) {
    Timer.builder(LINK_EVENT_TO_STATUS)
        .description("From a kernel link event to the status write it caused, acknowledged")
        .register(registry)
        .record(took);
  }

  public void statusWritten() {
    statusWrites.increment();
  }

  public double statusWrites() {
    return statusWrites.count();
  }
}
