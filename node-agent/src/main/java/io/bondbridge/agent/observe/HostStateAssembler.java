package io.bondbridge.agent.observe;

import io.bondbridge.agent.host.BondPort;
import io.bondbridge.agent.host.BondState;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Link;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link HostState} from what was read off the host. Pure, so an observation can be
 * replayed from fixtures; {@link HostObserver} does the reading.
 *
 * <p>Each fact is taken from the source that states it best: options, mode, active port and the
 * bond's MII status from sysfs (current, kernel names); ports with speed, duplex and link failures
 * from /proc/net/bonding (the only source of speed and duplex); whether a port carries traffic from
 * iproute2's {@code info_slave_data}, which is what the kernel itself uses to pick the sending
 * port.
 */
public final class HostStateAssembler {

  private HostStateAssembler() {}

  public static HostState assemble(HostReadings readings) {
    Map<String, IpJson.SlaveData> slaves = IpJson.bondPorts(readings.linkJson());
    List<Link> links = new ArrayList<>();
    List<BondState> bonds = new ArrayList<>();
    for (Link link : IpJson.links(readings.linkJson())) {
      links.add(withDriver(link, readings.drivers().get(link.name())));
      if (link.isBond()) {
        bonds.add(
            bond(
                link.name(),
                readings.procNetBonding().get(link.name()),
                readings.sysfsBonding().get(link.name()),
                slaves));
      }
    }
    return HostState.of(
            links,
            bonds,
            IpJson.addresses(readings.addrJson()),
            IpJson.routes(readings.routeJson()))
        .withBridgeVlans(BridgeVlanJson.tables(readings.bridgeVlanJson()));
  }

  /**
   * One bond from its sources; any of them may be missing (a bond deleted between two reads, a host
   * without sysfs), and the others then stand in.
   *
   * @param procText /proc/net/bonding/BOND, or null
   * @param sysfsFiles /sys/class/net/BOND/bonding/* by file name, or null
   * @param slaves {@code info_slave_data} by port name ({@link IpJson#bondPorts})
   */
  public static BondState bond(
      String name,
      String procText,
      Map<String, String> sysfsFiles,
      Map<String, IpJson.SlaveData> slaves) {
    ProcNetBonding proc = procText == null ? null : ProcNetBonding.parse(procText);
    Map<String, String> sysfs = sysfsFiles == null ? Map.of() : SysfsBonding.options(sysfsFiles);
    Map<String, String> options = !sysfs.isEmpty() || proc == null ? sysfs : proc.options();

    String mode = options.get("mode");
    if (mode == null && proc != null) {
      mode = proc.mode();
    }
    String activePort =
        sysfs.containsKey("active_slave")
            ? blankToNull(sysfs.get("active_slave"))
            : proc == null ? null : proc.activePort();
    String miiStatus =
        sysfs.containsKey("mii_status")
            ? blankToNull(sysfs.get("mii_status"))
            : proc == null ? null : proc.miiStatus();

    List<BondPort> ports = new ArrayList<>();
    if (proc != null) {
      for (BondPort port : proc.ports()) {
        ports.add(complete(port, slaves.get(port.name()), activePort));
      }
    } else {
      slaves.values().stream()
          .filter(s -> name.equals(s.bond()))
          .map(s -> complete(fromSlaveData(s), s, activePort))
          .forEach(ports::add);
    }
    return new BondState(name, mode, options, activePort, miiStatus, ports);
  }

  /** Fills what /proc left out from {@code info_slave_data}, and sets the port's state. */
  private static BondPort complete(BondPort port, IpJson.SlaveData slave, String activePort) {
    String state;
    if (slave != null && slave.state() != null) {
      state = slave.state();
    } else if (activePort != null) {
      state = port.name().equals(activePort) ? "active" : "backup";
    } else {
      // Modes without an active port (balance-rr, xor, broadcast) send through every port.
      state = "active";
    }
    String mii = port.miiStatus() != null || slave == null ? port.miiStatus() : slave.miiStatus();
    String mac =
        port.permanentMac() != null || slave == null ? port.permanentMac() : slave.permanentMac();
    return new BondPort(
        port.name(), mii, port.linkFailures(), mac, port.speedMbps(), port.duplex(), state);
  }

  private static BondPort fromSlaveData(IpJson.SlaveData slave) {
    return new BondPort(
        slave.port(),
        slave.miiStatus(),
        slave.linkFailures(),
        slave.permanentMac(),
        null,
        null,
        null);
  }

  private static Link withDriver(Link l, String driver) {
    if (driver == null) {
      return l;
    }
    return l.toBuilder().driver(driver).build();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
