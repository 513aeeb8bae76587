package io.bondbridge.agent.kernel;

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
 * they arrive: lets a test watch a ping continue while it pulls cables.
 */
final class PeerPing implements AutoCloseable {
  private static final Pattern REPLY = Pattern.compile("bytes from .* icmp_seq=(\\d+)");
  private static final Pattern SEQ = Pattern.compile("icmp_seq=(\\d+)");

  private final Process process;
  private final Thread reader;
  private volatile int replies;
  private volatile int highestSeq;
  private final java.util.Deque<String> lastLines =
      new java.util.concurrent.ConcurrentLinkedDeque<>();

  private PeerPing(Process process) {
    this.process = process;
    this.reader = new Thread(this::readOutput, "peer-ping");
    reader.setDaemon(true);
    reader.start();
  }

  static PeerPing start(List<String> command) {
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
          replies++;
        }
      }
    } catch (IOException e) {
      // the process was stopped
    }
  }

  int replies() {
    return replies;
  }

  /** Echo requests sent so far, as far as the replies and ping's own notes tell. */
  int sent() {
    return highestSeq;
  }

  int lost() {
    return Math.max(0, sent() - replies());
  }

  /** Waits until {@code more} replies beyond the current count have arrived. */
  void awaitMoreReplies(int more, Duration timeout) {
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
