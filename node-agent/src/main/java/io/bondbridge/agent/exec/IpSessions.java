package io.bondbridge.agent.exec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * iproute2 on this host through long-lived {@code ip -batch -} sessions ({@link IpSession}), one
 * per set of options: changes and plain reads share {@code ip -j -batch -}, the detailed link read
 * has {@code ip -j -d -batch -} (in one session {@code -d} would also change how routes print).
 * Sharing matters: ip caches device names and indexes for its life, and the address dump of every
 * observation brings that cache up to date (renames, new devices) before the steps planned from it
 * run; what it cannot drop, a device deleted by someone else, is handled in {@link #send}. Reads
 * only ({@code -j} given) are written to every session before any reply is read: the whole
 * observation is one round trip. A command iproute2 could not take as a batch line (see {@link
 * BatchLine}) or with other options runs as a process of its own, in its place in the order; so
 * does every command when the runner cannot talk to a process (a test's fake runner).
 */
public final class IpSessions implements Iproute, AutoCloseable {
  /** Options a session can run with: flags without a value. */
  private static final Set<String> FLAGS = Set.of("-j", "-d", "-4", "-6");

  private final CommandRunner runner;
  private final String ip;
  private final Duration timeout;
  private final Map<Set<String>, IpSession> sessions = new LinkedHashMap<>();
  private Iproute processes;

  public IpSessions(CommandRunner runner, String ip, Duration timeout) {
    this.runner = runner;
    this.ip = ip;
    this.timeout = timeout;
  }

  /** {@code ip} from the PATH, each reply awaited as long as the runner waits for a command. */
  public IpSessions(CommandRunner runner) {
    this(
        runner,
        "ip",
        runner instanceof ProcessRunner processes
            ? processes.timeout()
            : CommandRunner.DEFAULT_TIMEOUT);
  }

  /** How many ip processes the sessions have started: one each, more after restarts. */
  public synchronized int starts() {
    return sessions.values().stream().mapToInt(IpSession::starts).sum();
  }

  @Override
  public synchronized List<CommandRunner.Result> run(List<List<String>> commands) {
    if (processes == null) {
      try {
        return throughSessions(commands);
      } catch (UnsupportedOperationException e) {
        // thrown when the first session is started, before anything was written
        processes = Iproute.processes(runner, ip);
      }
    }
    return processes.run(commands);
  }

  private List<CommandRunner.Result> throughSessions(List<List<String>> commands) {
    List<Part> parts = parts(commands);
    boolean readsOnly = commands.stream().allMatch(c -> options(c).contains("-j"));
    List<CommandRunner.Result> results = new ArrayList<>();
    if (readsOnly) {
      List<IpSession.Pending> pending = new ArrayList<>();
      for (Part part : parts) {
        pending.add(part.session == null ? null : part.write());
      }
      for (int i = 0; i < parts.size(); i++) {
        // every session's replies are read, so none is left with unread lines
        List<CommandRunner.Result> replies =
            pending.get(i) == null ? parts.get(i).alone() : pending.get(i).replies();
        if (results.isEmpty() || results.get(results.size() - 1).ok()) {
          results.addAll(replies);
        }
      }
      return results;
    }
    for (Part part : parts) {
      List<CommandRunner.Result> replies = part.session == null ? part.alone() : send(part);
      results.addAll(replies);
      if (!replies.get(replies.size() - 1).ok()) {
        break;
      }
    }
    return results;
  }

  /**
   * The part's replies; a command that failed with "No such device" is tried once more, with what
   * came after it, on a fresh ip. A long-lived ip keeps the index of every device name it looked up
   * and never checks it again (iproute2's ll_map cache): a device deleted and made again by someone
   * else (an admin, the lab, the kernel) has a new index, and the kernel answers the old one with
   * ENODEV. Nothing ran (the kernel refused it, and ip stopped there), so trying again is safe; a
   * fresh ip looks the name up anew. Indexes are not reused, so a stale one never names another
   * device.
   */
  private List<CommandRunner.Result> send(Part part) {
    List<CommandRunner.Result> replies = part.write().replies();
    int failed = replies.size() - 1;
    if (replies.get(failed).ok() || !replies.get(failed).stderr().contains("No such device")) {
      return replies;
    }
    List<CommandRunner.Result> retried = new ArrayList<>(replies.subList(0, failed));
    retried.addAll(part.from(failed).write().replies());
    return retried;
  }

  /** Consecutive commands for the same session, or one command that runs alone. */
  private final class Part {
    final IpSession session;
    final List<List<String>> commands = new ArrayList<>();
    final List<String> lines = new ArrayList<>();
    final List<Boolean> reads = new ArrayList<>();

    Part(IpSession session) {
      this.session = session;
    }

    IpSession.Pending write() {
      return session.write(commands, lines, reads);
    }

    /** The same part from its command {@code first} on. */
    Part from(int first) {
      Part rest = new Part(session);
      rest.commands.addAll(commands.subList(first, commands.size()));
      rest.lines.addAll(lines.subList(first, lines.size()));
      rest.reads.addAll(reads.subList(first, reads.size()));
      return rest;
    }

    List<CommandRunner.Result> alone() {
      return List.of(runner.run(Iproute.withProgram(ip, commands.get(0))));
    }
  }

  private List<Part> parts(List<List<String>> commands) {
    List<Part> parts = new ArrayList<>();
    for (List<String> command : commands) {
      Set<String> options = options(command);
      List<String> rest = command.subList(optionCount(command), command.size());
      Optional<String> line = FLAGS.containsAll(options) ? BatchLine.of(rest) : Optional.empty();
      if (line.isEmpty()) {
        Part alone = new Part(null);
        alone.commands.add(command);
        parts.add(alone);
        continue;
      }
      Set<String> key = new TreeSet<>(options);
      key.remove("-j"); // every session has it: the sentinel prints JSON
      IpSession session =
          sessions.computeIfAbsent(key, k -> new IpSession(runner, ip, List.copyOf(k), timeout));
      Part last = parts.isEmpty() ? null : parts.get(parts.size() - 1);
      if (last == null || last.session != session) {
        last = new Part(session);
        parts.add(last);
      }
      last.commands.add(command);
      last.lines.add(line.get());
      last.reads.add(options.contains("-j"));
    }
    return parts;
  }

  private static Set<String> options(List<String> command) {
    return new TreeSet<>(command.subList(0, optionCount(command)));
  }

  private static int optionCount(List<String> command) {
    int n = 0;
    while (n < command.size() && command.get(n).startsWith("-")) {
      n++;
    }
    return n;
  }

  @Override
  public synchronized void close() {
    sessions.values().forEach(IpSession::close);
    sessions.clear();
  }
}
