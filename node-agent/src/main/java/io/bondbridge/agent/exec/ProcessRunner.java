package io.bondbridge.agent.exec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs commands as child processes, with arguments as a list (never through a shell). A command
 * still running after the timeout is killed with everything it started (a wrapper script's {@code
 * sleep} would otherwise hold the output pipe open), and its result says so.
 */
public final class ProcessRunner implements CommandRunner {
  // Pipes are read on their own threads: a command that fills one pipe while we block on the
  // other would hang, and a hung command must not keep the caller from its timeout.
  private static final Executor PIPES =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "command-pipe");
            t.setDaemon(true);
            return t;
          });

  private final Duration timeout;

  public ProcessRunner() {
    this(DEFAULT_TIMEOUT);
  }

  public ProcessRunner(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("a command timeout must be positive: " + timeout);
    }
    this.timeout = Objects.requireNonNull(timeout);
  }

  public Duration timeout() {
    return timeout;
  }

  @Override
  public Result run(List<String> command, String stdin) {
    Process process = start(new ProcessBuilder(command), command);
    CompletableFuture<String> out = drain(process.getInputStream());
    CompletableFuture<String> err = drain(process.getErrorStream());
    CompletableFuture.runAsync(() -> feed(process.getOutputStream(), stdin), PIPES);
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        kill(process);
        return Result.timedOut(command, timeout);
      }
      long left = Math.max(deadline - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(100));
      return new Result(
          process.exitValue(),
          out.get(left, TimeUnit.NANOSECONDS),
          err.get(left, TimeUnit.NANOSECONDS));
    } catch (TimeoutException e) {
      kill(process); // exited, but something it started still holds its output open
      return Result.timedOut(command, timeout);
    } catch (InterruptedException e) {
      kill(process);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot read the output of " + command, e.getCause());
    }
  }

  @Override
  public Lines follow(List<String> command) {
    Process process = start(new ProcessBuilder(command).redirectErrorStream(true), command);
    feed(process.getOutputStream(), null);
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    return new Lines() {
      @Override
      public String next() {
        try {
          return lines.readLine();
        } catch (IOException e) {
          return null; // closed under us: the end
        }
      }

      @Override
      public int exitCode() throws InterruptedException {
        return process.waitFor();
      }

      @Override
      public void close() {
        kill(process);
      }
    };
  }

  @Override
  public Conversation talk(List<String> command) {
    Process process = start(new ProcessBuilder(command).redirectErrorStream(true), command);
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    PIPES.execute(
        () -> {
          try (BufferedReader out =
              new BufferedReader(
                  new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
              lines.add(line);
            }
          } catch (IOException e) {
            // closed under us: the end
          } finally {
            lines.add(END);
          }
        });
    OutputStream in = process.getOutputStream();
    return new Conversation() {
      @Override
      public boolean send(String text) {
        try {
          in.write(text.getBytes(StandardCharsets.UTF_8));
          in.flush();
          return true;
        } catch (IOException e) {
          return false; // it exited: the caller learns why from its output
        }
      }

      @Override
      public String next(Duration timeout) throws TimeoutException, InterruptedException {
        String line = lines.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (line == null) {
          throw new TimeoutException(String.join(" ", command) + " said nothing for " + timeout);
        }
        if (line == END) {
          lines.add(END); // and again for every later read
          return null;
        }
        return line;
      }

      @Override
      public boolean alive() {
        return process.isAlive();
      }

      @Override
      public void close() {
        kill(process);
      }
    };
  }

  /** Marks the end of a conversation's output (compared by identity). */
  @SuppressWarnings("StringOperationCanBeSimplified")
  private static final String END = new String("end of output");

  private static Process start(ProcessBuilder builder, List<String> command) {
    try {
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command.get(0), e);
    }
  }

  /** The process and everything it started: found first, since they are reparented once it dies. */
  private static void kill(Process process) {
    List<ProcessHandle> tree = process.descendants().toList();
    process.destroyForcibly();
    tree.forEach(ProcessHandle::destroyForcibly);
    try {
      process.waitFor(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static CompletableFuture<String> drain(InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        },
        PIPES);
  }

  private static void feed(OutputStream in, String stdin) {
    try (in) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      // the command exited without reading its input: its exit code tells the rest
    }
  }
}
