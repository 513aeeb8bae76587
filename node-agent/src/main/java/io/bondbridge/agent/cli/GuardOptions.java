package io.bondbridge.agent.cli;

import io.bondbridge.agent.apply.Applier;
import io.bondbridge.agent.plan.Step;
import io.bondbridge.agent.safety.Probe;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where checkpoints live and how long a change has to prove itself. */
final class GuardOptions {
  @Mixin StateDirOption state;

  @Option(
      names = "--confirm-timeout",
      paramLabel = "SECONDS",
      description =
          "Seconds the host has, after the change, to pass the probes that passed before it;"
              + " else it is rolled back. Default: the spec's probes.timeoutSeconds (60).")
  Integer confirmTimeout;

  @Option(
      names = "--api-server",
      paramLabel = "HOST:PORT",
      description = "Also require that this API server (or any TCP service) stays reachable.")
  String apiServer;

  /** Testing only: stop the process dead (as kill -9 would) after this many steps. */
  @Option(names = "--crash-after-step", hidden = true)
  Integer crashAfterStep;

  Path stateDir() {
    return state.stateDir;
  }

  /** With --crash-after-step: a hook that stops the process dead after that many steps. */
  Applier.Listener crashHook() {
    if (crashAfterStep == null) {
      return new Applier.Listener() {};
    }
    int[] done = {0};
    return new Applier.Listener() {
      @Override
      public void afterStep(Step step) {
        if (++done[0] == crashAfterStep) {
          Runtime.getRuntime().halt(137);
        }
      }
    };
  }

  Probe.Tcp apiServerProbe() {
    if (apiServer == null) {
      return null;
    }
    int colon = apiServer.lastIndexOf(':');
    if (colon <= 0) {
      throw new CliException(CliException.USAGE, "--api-server takes HOST:PORT, not " + apiServer);
    }
    try {
      return new Probe.Tcp(
          "API server",
          apiServer.substring(0, colon),
          Integer.parseInt(apiServer.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new CliException(CliException.USAGE, "--api-server takes HOST:PORT, not " + apiServer);
    }
  }
}
