package io.bondbridge.e2e;

import io.bondbridge.agent.kernel.KernelLab;
import io.bondbridge.api.v1alpha1.BondBridge;
import io.bondbridge.api.v1alpha1.BondBridgeNode;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatus;
import io.bondbridge.api.v1alpha1.Phase;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The README's first command (scripts/demo.sh runs it inside the kernel VM): the whole system for
 * real on one machine — an API server (fabric8's mock, in this JVM), the BondBridge operator, the
 * node agent acting on the VM's kernel — with a BondBridge applied through the API, a cable pulled
 * and plugged back, and the BondBridge deleted; printing what {@code kubectl get
 * bondbridges,bondbridgenodes -o wide} would show at each step.
 */
public final class Demo {
  private static final Duration WAIT = Duration.ofMinutes(4);
  private static final long STARTED = System.nanoTime();

  public static void main(String[] args) {
    int exit = 0;
    try {
      run(args);
    } catch (Exception | AssertionError e) {
      System.err.println("demo: " + e);
      e.printStackTrace();
      exit = 1;
    }
    // the mock API server's threads would keep the JVM (and the VM) running
    System.exit(exit);
  }

  private static void run(String[] args) throws Exception {
    Path file = Path.of(args.length > 0 ? args[0] : "examples/bond.yaml");
    BondBridge bb = Serialization.unmarshal(Files.readString(file), BondBridge.class);
    String name = bb.getMetadata().getName();

    say(
        "the lab: NICs eth0..eth3 cabled to a switch (namespace sw) with the gateway 10.0.0.1 and a"
            + " peer 10.0.0.3; the node's address 10.0.0.2/24 and default route on eth0");
    try (KernelLab lab = KernelLab.withNics(4)) {
      run(lab, "ip", "-br", "addr", "show", "dev", "eth0");
      run(lab, "ip", "route", "show", "default");

      say(
          "starting an API server (fabric8 mock, in this JVM), the BondBridge operator and the node"
              + " agent of node "
              + OneNodeCluster.NODE
              + " (ip monitor link, probes, rollback)");
      try (OneNodeCluster cluster = OneNodeCluster.start().startOperator()) {
        cluster.labelNode(matchLabels(bb));
        cluster.startAgent();
        String child = name + "." + OneNodeCluster.NODE;

        say("kubectl apply -f " + file);
        cluster.apply(file);
        BondBridgeNodeStatus s =
            await(
                "the node to converge",
                () -> status(cluster, child),
                st -> st != null && st.phase() != Phase.Applying && st.phase() != Phase.Pending);
        await(
            "the BondBridge to count it",
            () -> cluster.bondBridge(name),
            b ->
                b.getStatus() != null
                    && b.getStatus().ready() != null
                    && !b.getStatus().ready().startsWith("0/"));
        kubectlGet(cluster);
        if (s.phase() != Phase.Ready && s.phase() != Phase.Degraded) {
          say("the node did not apply it: " + s.reason() + ": " + s.message());
          return;
        }
        run(lab, "ip", "-br", "link", "show", "type", "bond");
        run(lab, "ip", "-br", "addr", "show", "dev", s.bond() == null ? "eth0" : topOf(s));
        run(lab, "ip", "route", "show", "default");

        String active = s.bond().activePort();
        if (active == null) {
          say("no active port to pull");
          return;
        }
        say(
            "pulling "
                + active
                + "'s cable (ip -n sw link set sw"
                + active.substring(3)
                + " down)");
        long pulled = System.nanoTime();
        lab.pull(active);
        String bond = s.bond().name();
        await("the kernel to fail over", () -> lab.activePort(bond), p -> !active.equals(p));
        long kernel = System.nanoTime();
        BondBridgeNodeStatus after =
            await(
                "the status to show it",
                () -> status(cluster, child),
                st -> st.bond() != null && !active.equals(st.bond().activePort()));
        long status = System.nanoTime();
        System.out.printf(
            "kernel failed over %d ms after the pull; the status showed %s as active port %d ms"
                + " later%n",
            (kernel - pulled) / 1_000_000,
            after.bond().activePort(),
            (status - kernel) / 1_000_000);
        await(
            "DEGRADED in the BondBridge",
            () -> cluster.bondBridge(name),
            b -> b.getStatus().nodes() != null && b.getStatus().nodes().degraded() > 0);
        kubectlGet(cluster);
        kubectlGetEvents(cluster);
        run(
            lab,
            "ip",
            "netns",
            "exec",
            "peer",
            "ping",
            "-c",
            "3",
            "-i",
            "0.2",
            "-W",
            "2",
            KernelLab.NODE_IP);

        say("plugging it back");
        lab.plug(active);
        await(
            "the node to be Ready again",
            () -> status(cluster, child),
            st -> st.phase() == Phase.Ready);
        await(
            "the BondBridge to count it",
            () -> cluster.bondBridge(name),
            b -> b.getStatus().nodes() != null && b.getStatus().nodes().degraded() == 0);
        kubectlGet(cluster);

        say("kubectl delete bondbridge " + name);
        cluster.delete(name);
        await(
            "the BondBridge and its BondBridgeNode to go",
            () -> cluster.bondBridge(name) == null && cluster.children().isEmpty(),
            gone -> gone);
        System.out.println("$ kubectl get bondbridges,bondbridgenodes");
        System.out.println("No resources found");
        say("the node after delete:");
        run(lab, "ip", "-br", "link", "show", "type", "bond");
        run(lab, "ip", "-br", "addr", "show", "dev", "eth0");
        run(lab, "ip", "route", "show", "default");
      }
    }
  }

  private static String topOf(BondBridgeNodeStatus s) {
    return s.bridge() != null ? s.bridge().name() : s.bond().name();
  }

  private static Map<String, String> matchLabels(BondBridge bb) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (bb.getSpec().nodeSelector() != null
        && bb.getSpec().nodeSelector().getMatchLabels() != null) {
      labels.putAll(bb.getSpec().nodeSelector().getMatchLabels());
    }
    return labels;
  }

  private static BondBridgeNodeStatus status(OneNodeCluster cluster, String child) {
    BondBridgeNode c = cluster.child(child);
    return c == null ? null : c.getStatus();
  }

  private static void kubectlGet(OneNodeCluster cluster) {
    System.out.println();
    System.out.println("$ kubectl get bondbridges,bondbridgenodes -o wide");
    System.out.print(cluster.kubectlGet());
    System.out.println();
  }

  private static void kubectlGetEvents(OneNodeCluster cluster) {
    System.out.println("$ kubectl get events --field-selector reason!=PortUp");
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("TYPE", "REASON", "OBJECT", "MESSAGE"));
    cluster.events().stream()
        .sorted(Comparator.comparing(Event::getLastTimestamp))
        .filter(e -> !"PortUp".equals(e.getReason()))
        .forEach(
            e ->
                rows.add(
                    List.of(
                        e.getType(),
                        e.getReason(),
                        e.getInvolvedObject().getKind().toLowerCase()
                            + "/"
                            + e.getInvolvedObject().getName(),
                        e.getMessage())));
    int[] w = new int[4];
    rows.forEach(
        r -> {
          for (int i = 0; i < 4; i++) w[i] = Math.max(w[i], r.get(i).length());
        });
    for (List<String> r : rows) {
      System.out.printf(
          "%-" + (w[0] + 3) + "s%-" + (w[1] + 3) + "s%-" + (w[2] + 3) + "s%s%n",
          r.get(0),
          r.get(1),
          r.get(2),
          r.get(3));
    }
    System.out.println();
  }

  private static <T> T await(String what, Supplier<T> value, Predicate<T> until) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      T v = value.get();
      if (v != null && until.test(v)) {
        return v;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("demo: timed out waiting for " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private static void run(KernelLab lab, String... command) {
    System.out.println("$ " + String.join(" ", command));
    var r = lab.runner.run(List.of(command));
    System.out.print(r.stdout());
    System.out.print(r.stderr());
  }

  private static void say(String text) {
    System.out.printf("%n[%5.1fs] ==> %s%n", (System.nanoTime() - STARTED) / 1e9, text);
  }

  private Demo() {}
}
