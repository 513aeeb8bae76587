package io.bondbridge.agent.exec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** Runs commands as child processes, with arguments as a list (never through a shell). */
public final class ProcessRunner implements CommandRunner {

  @Override
  public Result run(List<String> command, String stdin) {
    try {
      Process process = new ProcessBuilder(command).start();
      // stderr on its own thread: a command that fills one pipe while we block on the other
      // would otherwise hang.
      AtomicReference<String> err = new AtomicReference<>("");
      Thread errReader = new Thread(() -> err.set(read(process.getErrorStream())), "stderr");
      errReader.setDaemon(true);
      errReader.start();
      try (OutputStream in = process.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      String out = read(process.getInputStream());
      int exit = process.waitFor();
      errReader.join();
      return new Result(exit, out, err.get());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command.get(0), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }

  private static String read(InputStream stream) {
    try (stream) {
      return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
