package io.bondbridge.agent.apply;

import io.bondbridge.agent.exec.CommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads the kernel modules a spec needs. {@code bonding} is loaded with {@code max_bonds=0}:
 * without it, loading the module creates a stray balance-rr {@code bond0} that would block ours. In
 * a cluster an init container loads them (the agent itself has no CAP_SYS_MODULE), so this only
 * acts where a module is missing.
 */
public final class KernelModules {
  private final CommandRunner runner;
  private final Path root;

  public KernelModules(CommandRunner runner, Path root) {
    this.runner = runner;
    this.root = root;
  }

  public KernelModules(CommandRunner runner) {
    this(runner, Path.of("/"));
  }

  public void ensure(boolean vlans) {
    if (!Files.exists(root.resolve("sys/class/net/bonding_masters"))) {
      load(List.of("modprobe", "bonding", "max_bonds=0"));
    }
    if (vlans && !Files.exists(root.resolve("proc/net/vlan/config"))) {
      load(List.of("modprobe", "8021q"));
    }
  }

  private void load(List<String> command) {
    CommandRunner.Result result = runner.run(command);
    if (!result.ok()) {
      throw new IllegalStateException(
          "cannot load kernel module ("
              + String.join(" ", command)
              + "): "
              + result.stderr().strip()
              + "; load it on the host or give the agent CAP_SYS_MODULE");
    }
  }
}
