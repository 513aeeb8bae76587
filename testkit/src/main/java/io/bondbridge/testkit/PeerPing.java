package io.bondbridge.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code ping} running in the background (arguments as a list, no shell), counting the replies as
 * they arrive: lets a test watch a ping continue while it pulls cables, or count what a ping with a
 * deadline ({@code -w}) lost while the node's address moved ({@link #awaitEnd}).
 */
public final class PeerPing implements AutoCloseable {
  private static final Pattern REPLY = Pattern.compile("bytes from .* icmp_seq=(\\d+)");
  private static final Pattern SEQ = Pattern.compile("icmp_seq=(\\d+)");
  private static final Pattern STAMP = Pattern.compile("^\\[(\\d+)\\.(\\d{3})");
  private static final Pattern SUMMARY =
      Pattern.compile("(\\d+) packets transmitted, (\\d+) received");

  private final Process process;
  private final Thread reader;
  private volatile int replies;
  private volatile int highestSeq;

  /** ping's closing count, {sent, received}, once it has printed it. */
  private volatile int[] summary;

  /** Epoch milliseconds of each reply, when ping prints them ({@code -D}). */
  private final java.util.Queue<Long> replyTimes =
      new java.util.concurrent.ConcurrentLinkedQueue<>();

  private final java.util.Deque<String> lastLines =
      new java.util.concurrent.ConcurrentLinkedDeque<>();

  private PeerPing(Process process) {
    this.process = process;
    this.reader = new Thread(this::readOutput, "peer-ping");
    reader.setDaemon(true);
    reader.start();
  }

  public static PeerPing start(List<String> command) {
    try {
      return new PeerPing(new ProcessBuilder(command).redirectErrorStream(true).start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void readOutput() {
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        lastLines.addLast(line);
        if (lastLines.size() > 5) {
          lastLines.pollFirst();
        }
        Matcher seq = SEQ.matcher(line);
        if (seq.find()) {
          highestSeq = Math.max(highestSeq, Integer.parseInt(seq.group(1)));
        }
        if (REPLY.matcher(line).find()) {
          Matcher stamp = STAMP.matcher(line);
          if (stamp.find()) {
            replyTimes.add(Long.parseLong(stamp.group(1)) * 1000 + Long.parseLong(stamp.group(2)));
          }
          replies++;
        }
        Matcher end = SUMMARY.matcher(line);
        if (end.find()) {
          summary = new int[] {Integer.parseInt(end.group(1)), Integer.parseInt(end.group(2))};
        }
      }
    } catch (IOException e) {
      // the process was stopped
    }
  }

  /** Replies so far; once ping has ended, its own count. */
  public int replies() {
    int[] end = summary;
    return end != null ? end[1] : replies;
  }

  /**
   * Echo requests sent so far, as far as the replies and ping's own notes tell; once ping has
   * ended, its own count.
   */
  public int sent() {
    int[] end = summary;
    return end != null ? end[0] : highestSeq;
  }

  public int lost() {
    return Math.max(0, sent() - replies());
  }

  /** The counts now, to tell later what happened since ({@link #since}). */
  public Mark mark() {
    return new Mark(System.currentTimeMillis(), sent(), replies());
  }

  /** A point in the ping's run: the wall clock (epoch ms) and the counts then. */
  public record Mark(long epochMillis, int sent, int replies) {}

  /**
   * What the ping saw since {@code from}: requests sent and lost, and the longest silence (no
   * reply) with its start, both in ms after {@code from}. The silence needs ping's timestamps
   * ({@code -D}); without them it is -1.
   */
  public Span since(Mark from) {
    long last = from.epochMillis();
    long longest = -1;
    long start = -1;
    for (long t : replyTimes) {
      if (t >= from.epochMillis()) {
        if (t - last > longest) {
          longest = t - last;
          start = last - from.epochMillis();
        }
        last = t;
      }
    }
    int sent = sent() - from.sent();
    return new Span(sent, Math.max(0, sent - (replies() - from.replies())), longest, start);
  }

  /** See {@link #since}. */
  public record Span(int sent, int lost, long longestSilenceMillis, long silenceStartMillis) {
    @Override
    public String toString() {
      return String.format(
          "%d sent, %d lost, longest silence %d ms from +%d ms",
          sent, lost, longestSilenceMillis, silenceStartMillis);
    }
  }

  /** Waits until {@code more} replies beyond the current count have arrived. */
  public void awaitMoreReplies(int more, Duration timeout) {
    int target = replies + more;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (replies < target) {
      if (System.nanoTime() > deadline || !process.isAlive()) {
        throw new AssertionError(
            "ping got "
                + replies
                + " replies of "
                + sent()
                + ", waited for "
                + target
                + (process.isAlive() ? "" : "; ping exited " + process.exitValue())
                + "; last output: "
                + lastLines);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** Waits for a ping with a deadline or a count to end and print its summary. */
  public PeerPing awaitEnd(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(
            "ping still runs after " + timeout + "; last output: " + lastLines);
      }
      reader.join(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    if (summary == null) {
      throw new AssertionError("no ping summary in: " + lastLines);
    }
    return this;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
      reader.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process.destroyForcibly();
  }
}
