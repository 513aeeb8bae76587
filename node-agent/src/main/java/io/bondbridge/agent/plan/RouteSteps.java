package io.bondbridge.agent.plan;

import io.bondbridge.agent.host.Route;
import io.bondbridge.api.v1alpha1.Ipv4;
import io.bondbridge.api.v1alpha1.Ipv4Mode;
import io.bondbridge.api.v1alpha1.Ipv6;
import io.bondbridge.api.v1alpha1.Ipv6Mode;
import io.bondbridge.api.v1alpha1.NodeIpv4;
import io.bondbridge.api.v1alpha1.NodeIpv6;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The routes of an interface of ours: the spec's static ones, and how they are put in place. */
final class RouteSteps {
  private RouteSteps() {}

  static List<Route> staticRoutes(NodeIpv6 ipv6, String device) {
    List<Route> routes = new ArrayList<>();
    if (ipv6.mode() != Ipv6Mode.STATIC) {
      return routes;
    }
    if (ipv6.gateway() != null) {
      routes.add(Route.of("default", ipv6.gateway(), device).withProtocol("static"));
    }
    if (ipv6.routes() != null) {
      for (Ipv6.Route r : ipv6.routes()) {
        routes.add(Route.of(r.to(), r.via(), device).withMetric(r.metric()).withProtocol("static"));
      }
    }
    return routes;
  }

  static List<Route> staticRoutes(NodeIpv4 ipv4, String device) {
    List<Route> routes = new ArrayList<>();
    if (ipv4.mode() != Ipv4Mode.STATIC) {
      return routes;
    }
    if (ipv4.gateway() != null) {
      routes.add(Route.of("default", ipv4.gateway(), device).withProtocol("static"));
    }
    if (ipv4.routes() != null) {
      for (Ipv4.Route r : ipv4.routes()) {
        routes.add(Route.of(r.to(), r.via(), device).withMetric(r.metric()).withProtocol("static"));
      }
    }
    return routes;
  }

  /**
   * Adds the wanted routes that are missing. One that takes the place of a route on the device (the
   * same destination and metric, another next hop: a changed gateway) is preceded by that route's
   * removal, since the kernel refuses a second one ("File exists").
   */
  static void ensure(PlanContext ctx, String device, List<Route> wanted) {
    for (Route route : wanted) {
      List<Route> onDevice = ctx.host().routesVia(device);
      boolean present =
          onDevice.stream()
              .anyMatch(
                  r ->
                      r.destination().equals(route.destination())
                          && Objects.equals(r.gateway(), route.gateway()));
      if (!present) {
        onDevice.stream()
            .filter(r -> takesThePlaceOf(route, r))
            .forEach(r -> ctx.emit(new RouteStep.DelRoute(r)));
        ctx.emit(new RouteStep.AddRoute(route));
      }
    }
  }

  /** Same family, destination and metric (the kernel's key in the main table), another next hop. */
  static boolean takesThePlaceOf(Route route, Route existing) {
    return route.isIpv6() == existing.isIpv6()
        && route.destination().equals(existing.destination())
        && metric(route) == metric(existing)
        && !Objects.equals(route.gateway(), existing.gateway())
        && !existing.isKernelMade()
        && !existing.isRaLearned();
  }

  /** A route's metric, or the one the kernel gives a route added without one. */
  private static int metric(Route route) {
    return route.metric() != null ? route.metric() : route.isIpv6() ? 1024 : 0;
  }
}
