package io.bondbridge.agent.kernel;

import io.bondbridge.agent.Engine;
import io.bondbridge.agent.exec.CommandRunner;
import io.bondbridge.agent.plan.Plan;
import io.bondbridge.agent.plan.Step;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test (it prints figures and asserts nothing about time; run it on its own with
 * {@code vm/kernel-tests.sh ... --include '.*KernelBench'}, see docs/benchmarks.md): how long
 * bringing up seed 000 (four ports in active-backup, br0, the node IP moved from eth0) takes on a
 * real kernel
 *
 * <ul>
 *   <li>through the engine (observe, plan, apply; warm, in one JVM),
 *   <li>as the same {@code ip} commands in one {@code ip -batch -},
 *   <li>through Debian's ifupdown + ifenslave ({@code ifup bond0 br0} from an interfaces file).
 * </ul>
 *
 * Each repetition starts from the lab's fresh-server state; teardown is not timed.
 */
class ApplyBenchmarkKernelBench {
  static {
    // Measure the engine as shipped: the JDK's default way of starting processes, not the
    // vfork the kernel tests use to save time under emulation.
    System.setProperty("jdk.lang.Process.launchMechanism", "POSIX_SPAWN");
  }

  private static final int WARMUP = 2;
  private static final int RUNS = Integer.getInteger("bench.runs", 10);

  private static final String INTERFACES =
      """
      # seed 000 the ifupdown way (bridge without bridge-utils: ip commands in the stanza)
      iface bond0 inet manual
          bond-slaves eth0 eth1 eth2 eth3
          bond-mode active-backup
          bond-miimon 100

      iface br0 inet static
          address 10.0.0.2/24
          gateway 10.0.0.1
          pre-up ip link add br0 type bridge stp_state 0 forward_delay 0
          pre-up ip link set dev bond0 master br0
          post-down ip link del br0
      """;

  @Test
  void applySeed000() throws Exception {
    BondBridgeNodeSpec spec = Examples.load("seed-000-four-port-bridge.yaml");
    try (KernelLab lab = KernelLab.withNics(4)) {
      Engine engine = lab.engine();

      List<Long> engineMs =
          measure(
              lab,
              () -> {
                Engine.Outcome outcome = engine.apply(spec);
                if (!outcome.ok()) {
                  throw new IllegalStateException("engine apply failed: " + outcome);
                }
              },
              () -> check(lab, engine, spec));

      Plan plan = engine.plan(spec);
      String batch =
          plan.steps().stream()
              .map(Step::ipArgs)
              .map(args -> String.join(" ", args))
              .collect(Collectors.joining("\n", "", "\n"));
      List<Long> batchMs =
          measure(
              lab,
              () -> {
                CommandRunner.Result result = lab.runner.run(List.of("ip", "-batch", "-"), batch);
                if (!result.ok()) {
                  throw new IllegalStateException("ip -batch failed: " + result.stderr());
                }
              },
              () -> check(lab, engine, spec));

      Files.createDirectories(Path.of("/run/network"));
      Files.writeString(Path.of("/etc/network/interfaces"), INTERFACES);
      List<Long> ifupMs =
          measure(
              lab,
              () -> {
                lab.ip("addr", "flush", "dev", "eth0");
                CommandRunner.Result result = lab.runner.run(List.of("ifup", "bond0", "br0"));
                if (!result.ok()) {
                  throw new IllegalStateException("ifup failed: " + result.stderr());
                }
              },
              () -> {
                check(lab, null, spec);
                clearIfupdownState();
              });

      long engine50 = median(engineMs);
      long batch50 = median(batchMs);
      long ifup50 = median(ifupMs);
      System.out.printf(
          "%nBENCH seed 000 apply, %d runs each after %d warm-up, %d steps, milliseconds%n",
          RUNS, WARMUP, plan.steps().size());
      System.out.printf(
          "BENCH engine (observe+plan+apply) median %d  all %s%n", engine50, engineMs);
      System.out.printf("BENCH ip -batch (same steps)       median %d  all %s%n", batch50, batchMs);
      System.out.printf("BENCH ifupdown + ifenslave         median %d  all %s%n", ifup50, ifupMs);
      System.out.printf(
          "BENCH ratios: engine/ip-batch %.2f, engine/ifup %.2f, ifup/ip-batch %.2f%n",
          (double) engine50 / batch50, (double) engine50 / ifup50, (double) ifup50 / batch50);
    }
  }

  /** Times {@code apply} from the lab's initial state, WARMUP + RUNS times; undo is not timed. */
  private static List<Long> measure(KernelLab lab, Runnable apply, Runnable checkAndUndo) {
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < WARMUP + RUNS; i++) {
      long start = System.nanoTime();
      apply.run();
      long ms = (System.nanoTime() - start) / 1_000_000;
      checkAndUndo.run();
      lab.restore();
      if (i >= WARMUP) {
        times.add(ms);
      }
    }
    return times;
  }

  /** The result must be seed 000 whichever way it was made, or the figure means nothing. */
  private static void check(KernelLab lab, Engine engine, BondBridgeNodeSpec spec) {
    var host = lab.host();
    boolean ok =
        "eth0 eth1 eth2 eth3".equals(lab.sysfs("bond0", "slaves"))
            && "br0".equals(host.links().get("bond0").master())
            && host.addressesOn("br0").stream().anyMatch(a -> a.cidr().equals("10.0.0.2/24"))
            && host.routesVia("br0").stream().anyMatch(r -> r.isDefault());
    if (!ok) {
      throw new IllegalStateException("not seed 000 after applying:\n" + host);
    }
    if (engine != null && !engine.delete(spec).ok()) {
      throw new IllegalStateException("teardown failed");
    }
  }

  private static void clearIfupdownState() {
    try (var files = Files.list(Path.of("/run/network"))) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
