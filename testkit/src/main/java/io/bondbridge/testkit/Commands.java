package io.bondbridge.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The lab's own way to run a command (an argument list, never a shell) and to read {@code ip -j}:
 * the kit cannot use the agent's runner and observer (node-agent's tests depend on the kit), and a
 * test's view of the host is better not the code under test anyway.
 */
final class Commands {
  /** Far above any lab command under emulation; a hung one fails the test instead of hanging it. */
  private static final long TIMEOUT_SECONDS = 120;

  private static final ObjectMapper JSON = new ObjectMapper();

  private Commands() {}

  record Result(int exitCode, String output) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  static Result run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      // the output of ip and ping is small: read it all, then the exit code
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(command + " did not end within " + TIMEOUT_SECONDS + " s");
      }
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The command's output; fails with the command and its output when it exits non-zero. */
  static String output(List<String> command) {
    Result result = run(command);
    if (!result.ok()) {
      throw new IllegalStateException(
          command + " exited " + result.exitCode() + ": " + result.output().strip());
    }
    return result.output();
  }

  /**
   * The output of a netlink dump. A dump that a concurrent change interrupted (NLM_F_DUMP_INTR:
   * iproute2 prints "Dump was interrupted and may be inconsistent" beside it) is read again, as
   * iproute2 asks; a few times at most.
   */
  private static String dump(List<String> command) {
    String output = output(command);
    for (int attempt = 1; attempt < 5 && output.contains("Dump was interrupted"); attempt++) {
      output = output(command);
    }
    return output;
  }

  /** {@code ip -j ARGS}: the JSON array iproute2 prints. */
  static JsonNode ipJson(String... args) {
    List<String> command = new ArrayList<>(List.of("ip", "-j"));
    command.addAll(List.of(args));
    String json = dump(command).strip();
    try {
      return JSON.readTree(json.isEmpty() ? "[]" : json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(command + " printed no JSON: " + json, e);
    }
  }

  /** {@code bridge -j vlan show}: every bridge port's VLANs (an empty array without bridges). */
  static JsonNode bridgeVlanJson() {
    List<String> command = List.of("bridge", "-j", "vlan", "show");
    String json = dump(command).strip();
    try {
      return JSON.readTree(json.isEmpty() ? "[]" : json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(command + " printed no JSON: " + json, e);
    }
  }
}
