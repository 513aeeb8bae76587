package io.bondbridge.agent.cluster;

import io.bondbridge.agent.plan.AddressStep;
import io.bondbridge.agent.plan.LinkStep;
import io.bondbridge.agent.plan.Plan;
import io.bondbridge.agent.plan.RouteStep;
import io.bondbridge.agent.plan.Step;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The host after a change by hand (or by another tool) to what the agent applied, and the plan that
 * puts it back, worded for the {@code DriftCorrected} Event. Pure.
 *
 * <p>The drift is whatever the planner would change on the observed host: a deleted bond or bridge,
 * a released port, an address gone from the top interface. Carrier and MII state are not in the
 * plan (a pulled cable is the bond's business), so a failover is never drift.
 */
public final class Drift {
  public static final String CORRECTED = "DriftCorrected";

  private Drift() {}

  /**
   * e.g. {@code put back what changed on the host: bond0 made again; eth0, eth1 back in bond0;
   * bond0 back in br0}.
   */
  public static String correctedMessage(Plan plan) {
    return "put back what changed on the host: " + String.join("; ", putBack(plan));
  }

  /** What the plan puts back, one phrase per device or address, in the plan's order. */
  static List<String> putBack(Plan plan) {
    Set<String> made = new HashSet<>();
    Map<String, List<String>> enslaved = new LinkedHashMap<>();
    Set<String> phrases = new LinkedHashSet<>();
    for (Step step : plan.steps()) {
      if (step instanceof LinkStep.CreateBond s) {
        made.add(s.name());
        phrases.add(s.name() + " made again");
      } else if (step instanceof LinkStep.CreateBridge s) {
        made.add(s.name());
        phrases.add(s.name() + " made again");
      } else if (step instanceof LinkStep.CreateVlan s) {
        made.add(s.name());
        phrases.add(s.name() + " made again");
      } else if (step instanceof LinkStep.SetMaster s && s.master() != null) {
        // one phrase per master, named where its first port comes back
        String key = "back in " + s.master();
        if (!enslaved.containsKey(key)) {
          enslaved.put(key, new ArrayList<>());
          phrases.add(key);
        }
        enslaved.get(key).add(s.device());
      } else if (step instanceof LinkStep.SetMaster s) {
        phrases.add(s.device() + " released from " + s.previousMaster());
      } else if (step instanceof LinkStep.SetLinkState s && s.up() && !made.contains(s.device())) {
        phrases.add(s.device() + " set up");
      } else if (step instanceof AddressStep.AddAddress s) {
        phrases.add(s.cidr() + " back on " + s.device());
      } else if (step instanceof AddressStep.DelAddress s) {
        phrases.add(s.cidr() + " removed from " + s.device());
      } else if (step instanceof RouteStep.AddRoute s) {
        phrases.add("route " + s.route().destination() + " back on " + s.route().device());
      } else if (step instanceof LinkStep.SetBondOptions s) {
        phrases.add(s.bond() + " options " + s.options() + " set again");
      } else if (step instanceof LinkStep.SetBridgeOptions s) {
        phrases.add(s.bridge() + " options " + s.options() + " set again");
      } else if (step instanceof LinkStep.SetMtu s) {
        phrases.add(s.device() + " mtu " + s.mtu() + " set again");
      } else if (step instanceof LinkStep.DeleteLink s) {
        phrases.add(s.name() + " deleted");
      }
      // SetAlias marks what was made; a port set down before enslaving, or a route moved with the
      // address, is part of putting it back, not a change of its own.
    }
    List<String> out = new ArrayList<>();
    for (String phrase : phrases) {
      List<String> ports = enslaved.get(phrase);
      out.add(ports == null ? phrase : String.join(", ", ports) + " " + phrase);
    }
    return out;
  }
}
