package io.bondbridge.agent.plan;

import io.bondbridge.agent.host.Route;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where inherited addresses and routes came from, so teardown can give each back to its own port.
 * Read from the steps of an applied plan: an address deleted from a port (after it was added on the
 * top interface) came from that port.
 *
 * @param addresses address (CIDR) → the port it came from
 * @param routes the routes as they were on their port
 */
public record Origins(Map<String, String> addresses, List<Route> routes) {

  public Origins {
    addresses = Map.copyOf(addresses);
    routes = List.copyOf(routes);
  }

  public static Origins none() {
    return new Origins(Map.of(), List.of());
  }

  /** The origins recorded by the steps of a plan, added to those known before. */
  public Origins plus(List<Step> steps, Set<String> ports) {
    Map<String, String> moved = new LinkedHashMap<>(addresses);
    List<Route> movedRoutes = new java.util.ArrayList<>(routes);
    for (Step step : steps) {
      if (step instanceof AddressStep.DelAddress del && ports.contains(del.device())) {
        moved.put(del.cidr(), del.device());
      } else if (step instanceof RouteStep.DelRoute del && ports.contains(del.route().device())) {
        movedRoutes.add(del.route());
      }
    }
    return new Origins(moved, movedRoutes);
  }

  public boolean isEmpty() {
    return addresses.isEmpty() && routes.isEmpty();
  }
}
