package io.bondbridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bondbridge.agent.cluster.NodeAgent;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.kernel.KernelLab;
import io.bondbridge.api.v1alpha1.BondBridgeNode;
import io.bondbridge.api.v1alpha1.Phase;
import io.bondbridge.testkit.HostSnapshot;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A node that reboots while its API server is away, on a real kernel: the agent applied
 * examples/bond.yaml and recorded it; the host comes back as a fresh boot leaves it (no bond, the
 * address on eth0) and the agent starts with no API server to ask: it puts the bond, the bridge and
 * the address back from its record. While it was away the BondBridge was deleted and its child is
 * gone altogether (its finalizer removed by hand): the agent that finds the API server again tears
 * down what the record had, and the host is as before.
 */
class RecordKernelIT {
  private static final String CHILD = "vm-uplink." + OneNodeCluster.NODE;
  private static final Duration LONG = Duration.ofSeconds(180);

  private KernelLab lab;
  private OneNodeCluster cluster;

  @BeforeEach
  void start() {
    assumeTrue(
        KernelLab.inKernelVm(), "needs a kernel with bonding: run through vm/kernel-tests.sh");
    lab = KernelLab.withNics(2);
    cluster = OneNodeCluster.start().startOperator();
  }

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
    if (lab != null) {
      lab.close();
    }
  }

  private boolean bondedAndAddressed() {
    HostState host = lab.host();
    return host.link("eth0").map(l -> "bond0".equals(l.master())).orElse(false)
        && host.link("bond0").map(l -> "br0".equals(l.master())).orElse(false)
        && host.addressesOn("br0").stream().anyMatch(a -> a.cidr().equals("10.0.0.2/24"));
  }

  @Test
  void aRebootWithoutTheApiServerIsPutBackFromTheRecordAndAGoneBondBridgeTornDown()
      throws IOException {
    HostSnapshot fresh = lab.snapshot();
    Path state = Files.createTempDirectory("bondbridge-state");
    NodeAgent first = cluster.startAgent(state);
    cluster.apply(FullFlowKernelIT.examples().resolve("bond.yaml"));
    cluster.awaitStatus(CHILD, LONG, s -> s.phase() == Phase.Ready);
    assertThat(state.resolve("vm-uplink.applied.json")).exists();
    first.close();

    lab.restore(); // the reboot: the kernel forgot the bond, eth0 has the node address again
    assertThat(bondedAndAddressed()).isFalse();

    NodeAgent offline = cluster.startAgentWithoutApiServer(state);
    lab.waitFor(LONG, this::bondedAndAddressed, "the bond put back from the agent's record");
    lab.waitFor(Duration.ofSeconds(20), lab::peerReachesNode, "the peer to reach the node");
    offline.close();

    // meanwhile: the BondBridge is deleted, and its child's finalizer removed by hand
    cluster.delete("vm-uplink");
    await()
        .atMost(LONG)
        .until(
            () -> {
              for (BondBridgeNode child : cluster.children()) {
                try {
                  cluster
                      .client
                      .resources(BondBridgeNode.class)
                      .withName(child.getMetadata().getName())
                      .edit(
                          c -> {
                            c.getMetadata().setFinalizers(List.of());
                            return c;
                          });
                } catch (KubernetesClientException e) {
                  // gone meanwhile, or changed by the operator: the next round sees it again
                }
              }
              return cluster.children().isEmpty();
            });

    cluster.startAgent(state);
    lab.waitFor(LONG, () -> lab.snapshot().equals(fresh), "the host to be as before");
    assertThat(lab.snapshot()).isEqualTo(fresh);
    assertThat(state.resolve("vm-uplink.applied.json")).doesNotExist();
  }
}
