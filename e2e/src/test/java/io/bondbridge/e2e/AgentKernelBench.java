package io.bondbridge.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bondbridge.agent.kernel.KernelLab;
import io.bondbridge.api.v1alpha1.BondBridgeNode;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatus;
import io.bondbridge.api.v1alpha1.Phase;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Benchmarks of the node agent on a real kernel (in the VM). Prints figures, asserts nothing. The
 * agent runs as its own process — the shaded jar, {@code bondbridge-agent.jar agent}, with the JVM
 * options a DaemonSet would use — against a mock API server and the real operator in this JVM.
 *
 * <p>Run: see docs/benchmarks.md ("Node agent in the cluster").
 */
class AgentKernelBench {
  private static final String NODE = OneNodeCluster.NODE;
  private static final int PULLS = Integer.getInteger("bench.pulls", 20);
  private static final Duration IDLE =
      Duration.ofSeconds(Integer.getInteger("bench.idleSeconds", 60));

  /** The agent's JVM options, from the one place the image and the chart take them too. */
  private static final List<String> JVM = List.of("@" + repo().resolve("node-agent/agent.jvm"));

  /**
   * More options for the agent whose pulls and idle time are measured (-Dbench.jvmPlus, space
   * separated: e.g. -Xint, to weigh a lever in time and CPU too, not only in memory).
   */
  private static final List<String> MAIN_JVM = mainJvm();

  private static List<String> mainJvm() {
    List<String> jvm = new ArrayList<>(JVM);
    String plus = System.getProperty("bench.jvmPlus", "").trim();
    if (!plus.isEmpty()) {
      jvm.addAll(List.of(plus.split("\\s+")));
    }
    return jvm;
  }

  /** Where the classes lever logs the agent's class loading. */
  private static final Path CLASS_LOG = Path.of("/tmp/bondbridge-agent-classes.log");

  /**
   * Sets of JVM options measured side by side on the converged host (each with the AppCDS archive
   * and NMT): what the image ran before, what issue 5's benchmark ran, and agent.jvm with levers
   * that were weighed and not kept.
   */
  private static final Map<String, List<String>> LEVERS =
      new java.util.LinkedHashMap<>(
          Map.of(
              "image-before",
              List.of(
                  "-XX:+UseSerialGC",
                  "-Xms16m",
                  "-Xmx64m",
                  "-Xss512k",
                  "-XX:ReservedCodeCacheSize=32m",
                  "-XX:TieredStopAtLevel=1",
                  "-XX:MaxMetaspaceSize=128m",
                  "-XX:-UsePerfData",
                  "-Xshare:auto")));

  static {
    LEVERS.put(
        "issue5-bench",
        List.of(
            "-XX:+UseSerialGC",
            "-Xms16m",
            "-Xmx48m",
            "-Xss256k",
            "-XX:MaxMetaspaceSize=64m",
            "-XX:ReservedCodeCacheSize=24m",
            "-XX:TieredStopAtLevel=1",
            "-XX:CICompilerCount=1",
            "-Xshare:auto"));
    LEVERS.put("agent.jvm", JVM);
    LEVERS.put("agent.jvm+ActiveProcessorCount=1", plus(JVM, "-XX:ActiveProcessorCount=1"));
    LEVERS.put("agent.jvm+MALLOC_ARENA_MAX=1", plus(JVM, "env:MALLOC_ARENA_MAX=1"));
    LEVERS.put("agent.jvm+Xint", plus(JVM, "-Xint"));
    LEVERS.put("agent.jvm+Xmx24m", plus(JVM, "-Xmx24m"));
    // not a lever: where the classes come from, counted by package after the start
    LEVERS.put("agent.jvm+classes", plus(JVM, "-Xlog:class+load=info:file=" + CLASS_LOG));
  }

  private static final String STORAGE =
      String.join(
          "\n",
          "apiVersion: bondbridge.io/v1alpha1",
          "kind: BondBridge",
          "metadata: {name: storage}",
          "spec:",
          "  nodeSelector: {matchLabels: {bondbridge.io/uplink: \"true\"}}",
          "  bond:",
          "    name: bond1",
          "    mode: active-backup",
          "    ports: [{name: eth2}, {name: eth3}]",
          "    options: {miimon: 100}",
          "  ipv4: {mode: none}",
          "");

  @Test
  void agentOnARealKernel() throws Exception {
    assumeTrue(
        KernelLab.inKernelVm(), "needs a kernel with bonding: run through vm/kernel-tests.sh");
    Path jar =
        Path.of(
            System.getProperty(
                "bench.agentJar",
                repo().resolve("node-agent/target/bondbridge-agent.jar").toString()));
    assumeTrue(Files.exists(jar), "build the agent jar first: mvn -pl node-agent package");
    Path archive = Files.createTempDirectory("cds").resolve("agent.jsa");
    Path state = Files.createTempDirectory("bondbridge-state");
    try (KernelLab lab = KernelLab.withNics(4);
        OneNodeCluster cluster = OneNodeCluster.start().startOperator()) {
      // the agent reaches the API server as in its pod: HTTPS to the service address, the
      // service account's token and CA (a TLS front to the mock)
      Map<String, String> api = cluster.inCluster().env();
      List<String> firstRun = new ArrayList<>(MAIN_JVM);
      firstRun.add("-XX:ArchiveClassesAtExit=" + archive);
      firstRun.add("-Xlog:cds=error"); // not one warning per class it cannot archive
      long started = System.nanoTime();
      Process agent = startAgent(jar, firstRun, api, state, 9810);

      cluster.apply(FullFlowKernelIT.examples().resolve("bond.yaml"));
      cluster.apply(STORAGE);
      waitFor(
          () -> ready(cluster, "vm-uplink") && ready(cluster, "storage"),
          Duration.ofMinutes(12),
          "both BondBridgeNodes Ready");
      double toReady = (System.nanoTime() - started) / 1e9;
      Thread.sleep(10_000);
      long rssDefault = rssKb(agent.pid());
      System.out.printf(
          "agent (default CDS): both BondBridgeNodes Ready %.1f s after the agent started;"
              + " RSS %d MiB 10 s later%n",
          toReady, rssDefault / 1024);

      // the restart with the class-data archive the first run wrote at exit
      agent.destroy();
      agent.waitFor(60, TimeUnit.SECONDS);
      Map<String, String> versions = versions(cluster);
      long restarted = System.nanoTime();
      agent = startAgent(jar, withArchive(archive), api, state, 9811);
      waitFor(() -> scrape(9811) != null, Duration.ofMinutes(3), "the restarted agent's /metrics");
      waitFor(() -> readyz(9811), Duration.ofMinutes(3), "the restarted agent ready");
      double restartReady = (System.nanoTime() - restarted) / 1e9;
      Thread.sleep(10_000);
      System.out.printf(
          "agent (AppCDS archive %d KiB): ready %.1f s after start; status writes on the"
              + " converged host: %d; objects changed: %s; RSS %d MiB 10 s later%n",
          Files.exists(archive) ? Files.size(archive) / 1024 : 0,
          restartReady,
          (long) metric(scrape(9811), "bondbridge_agent_status_writes_total"),
          !versions.equals(versions(cluster)),
          rssKb(agent.pid()) / 1024);

      latency(cluster, lab);
      String scrape = scrape(9811);
      double count = metric(scrape, "bondbridge_agent_link_event_to_status_seconds_count");
      System.out.printf(
          "agent's own timer, first link event of a change -> status write acknowledged"
              + " (%d writes): mean %.0f ms, max %.0f ms%n",
          (long) count,
          1000 * metric(scrape, "bondbridge_agent_link_event_to_status_seconds_sum") / count,
          1000 * metric(scrape, "bondbridge_agent_link_event_to_status_seconds_max"));

      // an idle minute: nothing changes on the host
      Thread.sleep(2_000);
      double writes0 = metric(scrape(9811), "bondbridge_agent_status_writes_total");
      Map<String, String> before = versions(cluster);
      long cpu0 = cpuTicks(agent.pid());
      long wall0 = System.nanoTime();
      Thread.sleep(IDLE.toMillis());
      long cpu1 = cpuTicks(agent.pid());
      double wall = (System.nanoTime() - wall0) / 1e9;
      double writes1 = metric(scrape(9811), "bondbridge_agent_status_writes_total");
      double cpuSeconds = (cpu1 - cpu0) / 100.0; // USER_HZ is 100 on Linux
      System.out.printf(
          "idle %.0f s, two BondBridges on the node: agent CPU %.2f s (%.2f%% of one core);"
              + " status writes %d; objects changed: %s; RSS %d MiB (peak %d MiB)%n",
          wall,
          cpuSeconds,
          100 * cpuSeconds / wall,
          (long) (writes1 - writes0),
          !before.equals(versions(cluster)),
          rssKb(agent.pid()) / 1024,
          hwmKb(agent.pid()) / 1024);
      System.out.println("agent JVM: " + String.join(" ", withArchive(archive)));

      agent.destroy();
      agent.waitFor(60, TimeUnit.SECONDS);

      // -Dbench.levers=all, none, or the names of some, comma-separated
      String chosen = System.getProperty("bench.levers", "all");
      int port = 9812;
      for (Map.Entry<String, List<String>> lever : LEVERS.entrySet()) {
        if (chosen.equals("all") || List.of(chosen.split(",")).contains(lever.getKey())) {
          memory(lever.getKey(), lever.getValue(), jar, archive, api, state, port++);
        }
      }
    }
  }

  /**
   * One start of the agent on the converged host with these options: start → ready, and 10 s later
   * where its memory is (RSS, NMT's committed figures, its threads by name).
   */
  private static void memory(
      String name,
      List<String> options,
      Path jar,
      Path archive,
      Map<String, String> api,
      Path state,
      int port)
      throws Exception {
    List<String> jvm = new ArrayList<>();
    Map<String, String> env = new java.util.HashMap<>();
    for (String o : options) {
      if (o.startsWith("env:")) {
        String[] kv = o.substring(4).split("=", 2);
        env.put(kv[0], kv[1]);
      } else {
        jvm.add(o);
      }
    }
    jvm.add("-XX:SharedArchiveFile=" + archive);
    jvm.add("-XX:NativeMemoryTracking=summary");
    long started = System.nanoTime();
    Process agent = startAgent(jar, jvm, api, state, port, env);
    try {
      try {
        waitFor(() -> readyz(port), Duration.ofMinutes(3), name + ": the agent ready");
      } catch (IllegalStateException late) {
        System.out.printf("agent memory [%s]: not ready within 3 min%n", name);
        return;
      }
      double toReady = (System.nanoTime() - started) / 1e9;
      Thread.sleep(10_000);
      long pid = agent.pid();
      String nmt = jcmd(pid, "VM.native_memory", "summary");
      System.out.printf(
          "agent memory [%s]: ready %.1f s after start; RSS %d MiB (anon %d, file %d); %d"
              + " threads %s; NMT committed %s%n",
          name,
          toReady,
          rssKb(pid) / 1024,
          statusField(pid, "RssAnon:") / 1024,
          statusField(pid, "RssFile:") / 1024,
          statusField(pid, "Threads:"),
          threads(pid),
          nmtSummary(nmt));
      if (options.stream().anyMatch(o -> o.contains("class+load"))) {
        System.out.printf("agent classes by package [%s]: %s%n", name, classesByPackage());
      }
    } finally {
      agent.destroy();
      agent.waitFor(60, TimeUnit.SECONDS);
    }
  }

  /**
   * The classes the agent loaded, counted by their package's first three parts, the largest first,
   * with where they came from (the shared archive or a jar): {@code io.fabric8.kubernetes 640
   * (shared 630), ...}.
   */
  private static String classesByPackage() throws IOException {
    Map<String, int[]> counts = new java.util.HashMap<>();
    java.util.regex.Pattern load = java.util.regex.Pattern.compile("\\] (\\S+) source: (.*)$");
    for (String line : Files.readAllLines(CLASS_LOG)) {
      java.util.regex.Matcher m = load.matcher(line);
      if (m.find()) {
        String[] parts = m.group(1).split("\\.");
        String pkg =
            String.join(".", java.util.Arrays.copyOf(parts, Math.min(3, parts.length - 1)));
        int[] c = counts.computeIfAbsent(pkg.isEmpty() ? "(default)" : pkg, k -> new int[2]);
        c[0]++;
        if (m.group(2).contains("shared")) {
          c[1]++;
        }
      }
    }
    int total = counts.values().stream().mapToInt(c -> c[0]).sum();
    return total
        + " classes: "
        + counts.entrySet().stream()
            .sorted((a, b) -> b.getValue()[0] - a.getValue()[0])
            .limit(25)
            .map(e -> e.getKey() + " " + e.getValue()[0] + " (shared " + e.getValue()[1] + ")")
            .collect(java.util.stream.Collectors.joining(", "));
  }

  private static final java.util.regex.Pattern NMT_TOTAL =
      java.util.regex.Pattern.compile("Total: reserved=(\\d+)KB, committed=(\\d+)KB");
  private static final java.util.regex.Pattern NMT_LINE =
      java.util.regex.Pattern.compile(
          "-\\s+([A-Za-z][A-Za-z ]*?) \\(reserved=(\\d+)KB, committed=(\\d+)KB\\)");

  /** "total 70.1 MiB: Java Heap 20.0, Class 15.2, ..." (categories of 0.5 MiB or more). */
  static String nmtSummary(String nmt) {
    java.util.regex.Matcher total = NMT_TOTAL.matcher(nmt);
    StringBuilder out =
        new StringBuilder(
            total.find()
                ? String.format("total %.1f MiB:", Long.parseLong(total.group(2)) / 1024.0)
                : "(no NMT total)");
    java.util.regex.Matcher line = NMT_LINE.matcher(nmt);
    List<String> parts = new ArrayList<>();
    while (line.find()) {
      long committed = Long.parseLong(line.group(3));
      if (committed >= 512) {
        parts.add(String.format("%s %.1f", line.group(1), committed / 1024.0));
      }
    }
    return out.append(' ').append(String.join(", ", parts)).toString();
  }

  private static String jcmd(long pid, String... command) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid)));
    args.addAll(List.of(command));
    Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor(60, TimeUnit.SECONDS);
    return out;
  }

  /**
   * The process's threads by name, digits folded: {"C1 CompilerThread": 1, "pool-#-thread-#": 2}.
   */
  private static Map<String, Integer> threads(long pid) throws IOException {
    Map<String, Integer> byName = new java.util.TreeMap<>();
    try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          String comm = Files.readString(task.resolve("comm")).strip().replaceAll("\\d+", "#");
          byName.merge(comm, 1, Integer::sum);
        } catch (IOException gone) {
          // the thread ended
        }
      }
    }
    return byName;
  }

  private static List<String> plus(List<String> options, String more) {
    List<String> all = new ArrayList<>(options);
    all.add(more);
    return all;
  }

  /** Pull the active port of bond0 PULLS times: kernel failover → status in the API. */
  private static void latency(OneNodeCluster cluster, KernelLab lab) throws Exception {
    BlockingQueue<long[]> seen = new LinkedBlockingQueue<>();
    String child = "vm-uplink." + NODE;
    List<Double> afterKernel = new ArrayList<>();
    List<Double> afterPull = new ArrayList<>();
    try (Watch watch =
        cluster
            .client
            .resources(BondBridgeNode.class)
            .withName(child)
            .watch(
                new Watcher<>() {
                  @Override
                  public void eventReceived(Action action, BondBridgeNode n) {
                    BondBridgeNodeStatus s = n.getStatus();
                    if (s != null && s.bond() != null && s.bond().activePort() != null) {
                      seen.add(
                          new long[] {
                            System.nanoTime(),
                            s.bond().activePort().equals("eth0") ? 0 : 1,
                            s.phase() == Phase.Ready ? 1 : 0
                          });
                    }
                  }

                  @Override
                  public void onClose(WatcherException cause) {}
                })) {
      for (int i = 0; i < PULLS; i++) {
        String active = lab.activePort("bond0");
        String other = "eth0".equals(active) ? "eth1" : "eth0";
        long want = "eth0".equals(other) ? 0 : 1;
        seen.clear();
        long pulled = System.nanoTime();
        lab.pull(active);
        long kernel = 0;
        while (kernel == 0) {
          if (other.equals(lab.activePort("bond0"))) {
            kernel = System.nanoTime();
          } else {
            Thread.sleep(5);
          }
        }
        long status = 0;
        while (status == 0) {
          long[] e = seen.poll(60, TimeUnit.SECONDS);
          if (e == null) {
            throw new IllegalStateException("no status with the new active port within 60 s");
          }
          if (e[1] == want) {
            status = e[0];
          }
        }
        afterKernel.add((status - kernel) / 1e6);
        afterPull.add((status - pulled) / 1e6);
        lab.plug(active);
        waitFor(
            () -> {
              BondBridgeNode n = cluster.child(child);
              return n != null && n.getStatus().phase() == Phase.Ready;
            },
            Duration.ofSeconds(60),
            "Ready again");
        Thread.sleep(300);
      }
    }
    System.out.printf(
        "link event -> status, %d pulls of the active port (kernel failover seen in"
            + " /proc/net/bonding -> status in the API server): median %.0f ms, max %.0f ms;"
            + " from the pull itself (incl. downdelay 200 ms): median %.0f ms, max %.0f ms%n",
        PULLS,
        median(afterKernel),
        Collections.max(afterKernel),
        median(afterPull),
        Collections.max(afterPull));
  }

  private static List<String> withArchive(Path archive) {
    List<String> opts = new ArrayList<>(MAIN_JVM);
    opts.add("-XX:SharedArchiveFile=" + archive);
    return opts;
  }

  private static Process startAgent(
      Path jar, List<String> jvm, Map<String, String> api, Path state, int port)
      throws IOException {
    return startAgent(jar, jvm, api, state, port, Map.of());
  }

  private static Process startAgent(
      Path jar,
      List<String> jvm,
      Map<String, String> api,
      Path state,
      int port,
      Map<String, String> env)
      throws IOException {
    List<String> command = new ArrayList<>(List.of(javaBin()));
    command.addAll(jvm);
    command.addAll(
        List.of(
            "-jar",
            jar.toString(),
            "agent",
            "--node",
            NODE,
            "--http-port",
            String.valueOf(port),
            "--state-dir",
            state.toString()));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().remove("KUBECONFIG");
    pb.environment().putAll(api);
    pb.environment().put("BONDBRIDGE_LOG_LEVEL", "WARN");
    pb.environment().putAll(env);
    pb.redirectOutput(ProcessBuilder.Redirect.INHERIT);
    return pb.start();
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static boolean ready(OneNodeCluster cluster, String bb) {
    BondBridgeNode n = cluster.child(bb + "." + NODE);
    return n != null && n.getStatus() != null && n.getStatus().phase() == Phase.Ready;
  }

  private static Map<String, String> versions(OneNodeCluster cluster) {
    Map<String, String> v = new java.util.TreeMap<>();
    cluster
        .children()
        .forEach(c -> v.put(c.getMetadata().getName(), c.getMetadata().getResourceVersion()));
    return v;
  }

  private static String scrape(int port) {
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? r.body() : null;
    } catch (IOException | InterruptedException e) {
      return null;
    }
  }

  private static boolean readyz(int port) {
    try {
      return HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static double metric(String scrape, String name) {
    if (scrape == null) {
      return Double.NaN;
    }
    for (String line : scrape.split("\n")) {
      if (line.startsWith(name + " ")) {
        return Double.parseDouble(line.substring(name.length() + 1).strip());
      }
    }
    return 0;
  }

  private static long rssKb(long pid) throws IOException {
    return statusField(pid, "VmRSS:");
  }

  private static long hwmKb(long pid) throws IOException {
    return statusField(pid, "VmHWM:");
  }

  private static long statusField(long pid, String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith(field)) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  /** utime + stime of the process, in clock ticks. */
  private static long cpuTicks(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static void waitFor(BooleanSupplier condition, Duration timeout, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out waiting for " + what);
      }
      Thread.sleep(100);
    }
  }

  private static Path repo() {
    return FullFlowKernelIT.examples().getParent();
  }
}
