package io.bondbridge.agent.plan;

import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.Link;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The planner's running view of the host: the observed state with the effect of every step emitted
 * so far, including what the kernel does on its own (it opens a port it enslaves and closes one it
 * releases), so later decisions see the host as it will be at that point.
 */
final class Simulation {
  private final Set<String> existing = new HashSet<>();
  private final Set<String> bonds = new HashSet<>();
  private final Map<String, String> masters = new HashMap<>();
  private final Map<String, Boolean> up = new HashMap<>();
  private final List<Step> steps = new ArrayList<>();

  Simulation(HostState host) {
    for (Link link : host.links().values()) {
      if (link.isBond()) {
        bonds.add(link.name());
      }
      existing.add(link.name());
      masters.put(link.name(), link.master());
      up.put(link.name(), link.adminUp());
    }
  }

  boolean exists(String device) {
    return existing.contains(device);
  }

  String master(String device) {
    return masters.get(device);
  }

  boolean isUp(String device) {
    return up.getOrDefault(device, false);
  }

  void forget(String device) {
    existing.remove(device);
    masters.remove(device);
    up.remove(device);
  }

  List<Step> steps() {
    return List.copyOf(steps);
  }

  void emit(Step step) {
    steps.add(step);
    if (step instanceof LinkStep.CreateBond s) {
      created(s.name());
      bonds.add(s.name());
    } else if (step instanceof LinkStep.CreateBridge s) {
      created(s.name());
    } else if (step instanceof LinkStep.CreateVlan s) {
      created(s.name());
    } else if (step instanceof LinkStep.DeleteLink s) {
      forget(s.name());
      masters.replaceAll((device, master) -> s.name().equals(master) ? null : master);
    } else if (step instanceof LinkStep.SetLinkState s) {
      up.put(s.device(), s.up());
    } else if (step instanceof LinkStep.SetMaster s) {
      masters.put(s.device(), s.master());
      boolean bondPort = s.master() != null ? isBond(s.master()) : isBond(s.previousMaster());
      if (bondPort) {
        up.put(
            s.device(), s.master() != null); // bonding opens its ports, and closes them on release
      }
    }
  }

  private void created(String device) {
    existing.add(device);
    masters.put(device, null);
    up.put(device, false);
  }

  private boolean isBond(String device) {
    return device != null && bonds.contains(device);
  }
}
