package io.bondbridge.agent.drill;

import io.bondbridge.agent.exec.CommandRunner;
import io.bondbridge.agent.safety.Probe;
import io.bondbridge.agent.safety.ProbeRunner;
import io.bondbridge.api.v1alpha1.Probes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a drill probes throughout: the gateway and the probe targets without a port pinged every 10
 * ms (one {@code ping -D} each, read into its own {@link PingLog} by a daemon thread), the targets
 * with a port connected to whenever asked. A stretch of time is judged by the worst of the pings.
 */
final class DrillProbes implements AutoCloseable {
  private final ProbeRunner probes;
  private final Map<String, PingLog> logs = new LinkedHashMap<>();
  private final List<CommandRunner.Lines> processes = new ArrayList<>();
  private final List<Probe.Tcp> connected = new ArrayList<>();

  DrillProbes(
      CommandRunner runner, ProbeRunner probes, String gateway, List<Probes.Target> targets) {
    this.probes = probes;
    List<String> pinged = new ArrayList<>(List.of(gateway));
    for (Probes.Target t : targets) {
      if (t.port() == null) {
        pinged.add(t.address());
      } else {
        connected.add(new Probe.Tcp("probe target", t.address(), t.port()));
      }
    }
    try {
      for (String address : pinged) {
        PingLog log = new PingLog();
        logs.put(address, log);
        CommandRunner.Lines ping =
            runner.follow(List.of("ping", "-n", "-D", "-i", "0.01", "-W", "1", address));
        processes.add(ping);
        Thread reader = new Thread(() -> read(ping, log), "drill-ping-" + address);
        reader.setDaemon(true);
        reader.start();
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** The probes besides the gateway: the pinged addresses, then host:port of the connected. */
  List<String> targets() {
    List<String> targets = new ArrayList<>(logs.keySet());
    targets.remove(0);
    connected.forEach(t -> targets.add(t.host() + ":" + t.port()));
    return targets;
  }

  /** Whether every pinged address has answered at least once. */
  boolean allAnswered() {
    return logs.values().stream().allMatch(log -> log.replies() > 0);
  }

  /** Every probe that fails now: addresses that have not answered yet, targets that refuse. */
  List<String> failing() {
    List<String> failing = new ArrayList<>();
    logs.forEach(
        (address, log) -> {
          if (log.replies() == 0) {
            failing.add(address);
          }
        });
    connected.stream().map(probes::check).filter(Objects::nonNull).forEach(failing::add);
    return failing;
  }

  /** The first probe that fails now: an address silent for over {@code millis}, or a target. */
  Optional<String> firstFailing(long millis, long nowMillis) {
    for (Map.Entry<String, PingLog> e : logs.entrySet()) {
      long silence = nowMillis - e.getValue().lastReplyMillis();
      if (silence > millis) {
        return Optional.of(e.getKey() + " has not answered for " + silence + " ms");
      }
    }
    return connected.stream().map(probes::check).filter(Objects::nonNull).findFirst();
  }

  /** The most requests lost and the longest silence of any pinged address over a stretch. */
  PingLog.Loss worst(long fromMillis, long toMillis) {
    int lost = 0;
    long longest = 0;
    for (PingLog log : logs.values()) {
      PingLog.Loss loss = log.between(fromMillis, toMillis);
      lost = Math.max(lost, loss.lost());
      longest = Math.max(longest, loss.longestSilenceMillis());
    }
    return new PingLog.Loss(lost, longest);
  }

  private static void read(CommandRunner.Lines ping, PingLog log) {
    for (String line = ping.next(); line != null; line = ping.next()) {
      log.add(line);
    }
  }

  @Override
  public void close() {
    processes.forEach(CommandRunner.Lines::close);
  }
}
