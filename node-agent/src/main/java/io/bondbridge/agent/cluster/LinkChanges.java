package io.bondbridge.agent.cluster;

import io.bondbridge.agent.host.BondPort;
import io.bondbridge.agent.host.BondState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The link changes of a bond between two observations of the host: ports that went down or came
 * back, and a change of active port, each told once. Pure.
 *
 * <p>A change of active port is told with the port change that caused it (the active port's link
 * went down, or the primary came back); one without such a cause (an admin's {@code ifenslave -c})
 * gets an event of its own. A port whose link failure count rose while it is up again went down and
 * up between two observations: it is told as a flap.
 */
public final class LinkChanges {
  private LinkChanges() {}

  public static List<LinkChange> between(BondState before, BondState after) {
    if (before == null || after == null) {
      return List.of();
    }
    String bond = after.name();
    Map<String, BondPort> old =
        before.ports().stream().collect(Collectors.toMap(BondPort::name, Function.identity()));
    String wasActive = before.activePort();
    String isActive = after.activePort();
    boolean failover = isActive != null && !Objects.equals(wasActive, isActive);
    boolean failoverTold = !failover;
    String upCount = after.portsUp() + "/" + after.ports().size() + " ports up";

    List<LinkChange> changes = new ArrayList<>();
    for (BondPort port : after.ports()) {
      BondPort prior = old.get(port.name());
      if (prior == null) {
        continue;
      }
      String name = port.name();
      String failures = "(" + name + " link failures: " + port.linkFailures() + ")";
      if (prior.isUp() && !port.isUp()) {
        if (failover && name.equals(wasActive)) {
          failoverTold = true;
          changes.add(
              new LinkChange(
                  LinkChange.FAILOVER,
                  true,
                  bond,
                  name,
                  bond
                      + ": "
                      + name
                      + " link down, "
                      + isActive
                      + " is now the active port "
                      + failures));
        } else {
          String active =
              isActive == null ? "no active port left" : isActive + " stays the active port";
          changes.add(
              new LinkChange(
                  LinkChange.PORT_DOWN,
                  true,
                  bond,
                  name,
                  bond + ": " + name + " link down, " + active + " " + failures));
        }
      } else if (!prior.isUp() && port.isUp()) {
        if (failover && name.equals(isActive)) {
          failoverTold = true;
          changes.add(
              new LinkChange(
                  LinkChange.FAILOVER,
                  false,
                  bond,
                  name,
                  bond
                      + ": "
                      + name
                      + " link up, "
                      + name
                      + " is now the active port ("
                      + upCount
                      + ")"));
        } else {
          changes.add(
              new LinkChange(
                  LinkChange.PORT_UP,
                  false,
                  bond,
                  name,
                  bond + ": " + name + " link up (" + upCount + ")"));
        }
      } else if (port.linkFailures() > prior.linkFailures()) {
        changes.add(
            new LinkChange(
                LinkChange.PORT_FLAPPED,
                true,
                bond,
                name,
                bond + ": " + name + " link went down and came back " + failures));
      }
    }
    if (!failoverTold) {
      changes.add(
          new LinkChange(
              LinkChange.FAILOVER,
              true,
              bond,
              isActive,
              bond
                  + ": "
                  + isActive
                  + " is now the active port"
                  + (wasActive == null ? "" : " (was " + wasActive + ")")));
    }
    return changes;
  }

  /**
   * The kernel has marked the active port down but not yet made an up port active: a moment in
   * /proc/net/bonding between two steps of one failover. Told now, one failover would read as a
   * port down that "stays the active port" followed by a bare failover.
   */
  public static boolean midFailover(BondState bond) {
    if (bond == null || bond.activePort() == null) {
      return false;
    }
    boolean activeDown =
        bond.ports().stream().anyMatch(p -> p.name().equals(bond.activePort()) && !p.isUp());
    boolean otherUp =
        bond.ports().stream().anyMatch(p -> !p.name().equals(bond.activePort()) && p.isUp());
    return activeDown && otherUp;
  }

  /** The active port moved from one port to another (not from or to none). */
  public static boolean failedOver(BondState before, BondState after) {
    return before != null
        && after != null
        && before.activePort() != null
        && after.activePort() != null
        && !before.activePort().equals(after.activePort());
  }
}
