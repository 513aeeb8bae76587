package io.bondbridge.agent.plan;

import io.bondbridge.agent.host.Route;
import java.util.ArrayList;
import java.util.List;

/** The steps on routes: {@code ip route add|del}, as observed or as the spec wants them. */
public sealed interface RouteStep extends Step {

  record AddRoute(Route route) implements RouteStep {
    public List<String> ipArgs() {
      return routeArgs("add", route);
    }

    public List<Step> undo() {
      return List.of(new DelRoute(route));
    }
  }

  record DelRoute(Route route) implements RouteStep {
    public List<String> ipArgs() {
      return routeArgs("del", route);
    }

    public List<Step> undo() {
      return List.of(new AddRoute(route));
    }
  }

  private static List<String> routeArgs(String verb, Route route) {
    List<String> args = new ArrayList<>(List.of("route", verb, route.destination()));
    if (route.gateway() != null) {
      args.addAll(List.of("via", route.gateway()));
    }
    args.addAll(List.of("dev", route.device()));
    if (route.metric() != null) {
      args.addAll(List.of("metric", String.valueOf(route.metric())));
    }
    if (route.protocol() != null && !route.protocol().equals("kernel")) {
      args.addAll(List.of("proto", route.protocol()));
    }
    if (route.scope() != null && !"global".equals(route.scope())) {
      args.addAll(List.of("scope", route.scope()));
    }
    if (route.source() != null) {
      args.addAll(List.of("src", route.source()));
    }
    return args;
  }
}
