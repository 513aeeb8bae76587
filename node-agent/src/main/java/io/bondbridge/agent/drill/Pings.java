package io.bondbridge.agent.drill;

import io.bondbridge.agent.exec.CommandRunner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The addresses a drill pings every 10 ms throughout (the gateway and the probe targets without a
 * port): one {@code ping -D} each, read into its own {@link PingLog} by a daemon thread. A stretch
 * of time is judged by the worst of them.
 */
final class Pings implements AutoCloseable {
  private final Map<String, PingLog> logs = new LinkedHashMap<>();
  private final List<CommandRunner.Lines> processes = new ArrayList<>();

  Pings(CommandRunner runner, List<String> addresses) {
    try {
      for (String address : addresses) {
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

  /** The addresses that have not answered yet. */
  List<String> unanswered() {
    return logs.entrySet().stream()
        .filter(e -> e.getValue().replies() == 0)
        .map(Map.Entry::getKey)
        .toList();
  }

  /** An address that has not answered for longer than {@code millis}, and for how long. */
  Optional<String> silentFor(long millis, long nowMillis) {
    for (Map.Entry<String, PingLog> e : logs.entrySet()) {
      long silence = nowMillis - e.getValue().lastReplyMillis();
      if (silence > millis) {
        return Optional.of(e.getKey() + " has not answered for " + silence + " ms");
      }
    }
    return Optional.empty();
  }

  /** The most requests lost and the longest silence of any address over a stretch of time. */
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

  List<String> addresses() {
    return List.copyOf(logs.keySet());
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
