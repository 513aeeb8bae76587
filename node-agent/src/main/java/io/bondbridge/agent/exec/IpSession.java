package io.bondbridge.agent.exec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One long-lived {@code ip -j [OPTIONS] -batch -}: commands are lines on its stdin, so a change
 * costs a line and a netlink round trip, not a process start (0.1-0.3 s each under emulation).
 *
 * <p>How each command's end is found. A read ({@code -j ... show}) prints exactly one line: its
 * JSON document (iproute2 prints a document per command on one line and flushes it). A change
 * prints nothing, so a sentinel read follows it, whose {@code []} acknowledges it. Errors come on
 * the same stream (stderr merged in order). Without {@code -force}, ip stops at the first command
 * that fails: it prints the kernel's message and {@code Command failed -:N} and exits, so the
 * commands written after it never run — exactly where a one-process-per-step applier would have
 * stopped. The next write starts a new process; so does one after the process died, or did not
 * answer within the timeout (it is killed then). Not thread-safe: {@link IpSessions} serialises.
 */
final class IpSession implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IpSession.class);

  /** A read of a routing table no one uses: prints {@code []}. */
  static final String SENTINEL = "route show table 4294967294";

  private static final Pattern FAILED = Pattern.compile("Command failed -:(\\d+)");

  private final CommandRunner runner;
  private final String ip;
  private final List<String> options;
  private final Duration timeout;
  private CommandRunner.Conversation process;
  private int linesWritten;
  private int starts;

  /**
   * @param options the session's options besides {@code -j} (e.g. {@code -d}); every command sent
   *     to it is given without them
   */
  IpSession(CommandRunner runner, String ip, List<String> options, Duration timeout) {
    this.runner = runner;
    this.ip = ip;
    this.options = List.copyOf(options);
    this.timeout = timeout;
  }

  /** How many ip processes this session has started (a restart adds one). */
  int starts() {
    return starts;
  }

  /** Commands written, their replies still to be read. */
  final class Pending {
    private final List<Command> commands;
    private final boolean written;

    private Pending(List<Command> commands, boolean written) {
      this.commands = commands;
      this.written = written;
    }

    /** The replies in order, up to and with the first failure. */
    List<CommandRunner.Result> replies() {
      List<CommandRunner.Result> results = new ArrayList<>();
      for (Command command : commands) {
        CommandRunner.Result result =
            written
                ? reply(command)
                : new CommandRunner.Result(1, "", "cannot write to " + ip + " -batch");
        results.add(result);
        if (!result.ok()) {
          break;
        }
      }
      return results;
    }
  }

  /** A command as sent: its display form (for errors), its line, whether it reads. */
  record Command(List<String> display, String line, boolean read, int lineNumber) {}

  /**
   * Writes every command in one write (each change followed by the sentinel).
   *
   * @param commands as the caller gave them (for errors); {@code lines} their batch lines, without
   *     the session's options
   * @param reads which of them are reads (print one JSON line)
   */
  Pending write(List<List<String>> commands, List<String> lines, List<Boolean> reads) {
    for (int attempt = 0; ; attempt++) {
      if (process == null || !process.alive()) {
        restart();
      }
      List<Command> sent = new ArrayList<>();
      StringBuilder text = new StringBuilder();
      int line = linesWritten;
      for (int i = 0; i < commands.size(); i++) {
        text.append(lines.get(i)).append('\n');
        sent.add(
            new Command(
                Iproute.withProgram(ip, commands.get(i)), lines.get(i), reads.get(i), ++line));
        if (!reads.get(i)) {
          text.append(SENTINEL).append('\n');
          line++;
        }
      }
      if (process.send(text.toString())) {
        linesWritten = line;
        return new Pending(sent, true);
      }
      // it died before reading any of it: nothing ran, so one more process may take it
      stop();
      if (attempt > 0) {
        return new Pending(sent, false);
      }
    }
  }

  private CommandRunner.Result reply(Command command) {
    StringBuilder messages = new StringBuilder();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      String line;
      try {
        line = process.next(Duration.ofNanos(Math.max(deadline - System.nanoTime(), 1)));
      } catch (TimeoutException e) {
        LOG.warn("{} -batch did not answer within {}: killed", ip, timeout);
        stop();
        return CommandRunner.Result.timedOut(command.display(), timeout);
      } catch (InterruptedException e) {
        stop();
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + command.display(), e);
      }
      if (line == null) {
        // ip exited mid-command (iproute2 exits at once on some bad arguments)
        stop();
        String said = messages.toString().strip();
        return new CommandRunner.Result(
            1, "", said.isEmpty() ? ip + " -batch exited without answering" : said);
      }
      var failed = FAILED.matcher(line);
      if (failed.matches()) {
        stop(); // it exits after the first failure
        if (Integer.parseInt(failed.group(1)) != command.lineNumber()) {
          messages.append("(ip reported line ").append(failed.group(1)).append(")\n");
        }
        return new CommandRunner.Result(1, "", messages.toString());
      }
      if (line.startsWith("[") || line.startsWith("{")) {
        if (command.read()) {
          return new CommandRunner.Result(0, line + "\n", messages.toString());
        }
        if (line.equals("[]")) {
          return new CommandRunner.Result(0, "", messages.toString());
        }
        stop(); // a change that printed JSON: the replies no longer line up
        return new CommandRunner.Result(1, "", messages + "unexpected output: " + line);
      }
      messages.append(line).append('\n');
    }
  }

  private void restart() {
    stop();
    List<String> command = new ArrayList<>(List.of(ip, "-j"));
    command.addAll(options);
    command.addAll(List.of("-batch", "-"));
    process = runner.talk(command);
    linesWritten = 0;
    starts++;
    if (starts > 1) {
      LOG.info("{} started again ({} starts)", String.join(" ", command), starts);
    }
  }

  private void stop() {
    if (process != null) {
      process.close();
      process = null;
    }
  }

  @Override
  public void close() {
    stop();
  }
}
