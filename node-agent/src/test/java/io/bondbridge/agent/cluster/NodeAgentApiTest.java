package io.bondbridge.agent.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bondbridge.agent.exec.ProcessRunner;
import io.bondbridge.agent.observe.HostObserver;
import io.bondbridge.api.v1alpha1.Bond;
import io.bondbridge.api.v1alpha1.BondBridge;
import io.bondbridge.api.v1alpha1.BondBridgeNode;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatus;
import io.bondbridge.api.v1alpha1.CleanupPolicy;
import io.bondbridge.api.v1alpha1.Phase;
import io.bondbridge.api.v1alpha1.PortSelector;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's controller against the fabric8 mock API server (CRUD mode), with a SIMULATED host
 * ({@link SimulatedHost}, an in-memory fake of the engine seam): watching only its node, the
 * finalizer, teardown and Orphan, status only on change, failover Events, restarts, and an API
 * server outage. The real kernel is e2e's FullFlowKernelIT.
 */
class NodeAgentApiTest {
  private static final String NODE = "node-a";

  private MockApi api;
  private SimulatedHost host;
  private NodeAgent agent;
  private BondBridge owner;

  @BeforeEach
  void start() {
    api = new MockApi();
    host = new SimulatedHost("eth0", "eth1", "eth2", "eth3");
    owner = api.client().resource(example()).create();
    agent = startAgent();
  }

  @AfterEach
  void stop() {
    agent.close();
    api.close();
  }

  private NodeAgent startAgent() {
    return startAgent(NodeAgent.DEFAULT_EVENT_NAMESPACE);
  }

  private NodeAgent startAgent(String eventNamespace) {
    NodeAgent a = launchAgent(eventNamespace);
    await().atMost(Duration.ofSeconds(10)).until(a::isReady);
    return a;
  }

  /** Started, not yet ready: its first list may still be failing. */
  private NodeAgent launchAgent(String eventNamespace) {
    NodeAgent a = api.agent(NODE, host, eventNamespace);
    a.start();
    return a;
  }

  @Test
  void watchesOnlyItsOwnNodesChildrenThroughALabelSelector() {
    create(spec("vm-uplink", NODE, "bond0", CleanupPolicy.Restore, "eth0", "eth1"));
    create(spec("vm-uplink", "node-b", "bond0", CleanupPolicy.Restore, "eth0", "eth1"));

    BondBridgeNodeStatus mine = awaitStatus("vm-uplink." + NODE, s -> s.phase() == Phase.Ready);
    agent.sync();

    assertThat(mine.portsUp()).isEqualTo("2/2");
    assertThat(api.child("vm-uplink." + NODE).getMetadata().getFinalizers())
        .containsExactly(NodeAgent.FINALIZER);
    BondBridgeNode theirs = api.child("vm-uplink.node-b");
    assertThat(theirs.getMetadata().getFinalizers()).isEmpty();
    assertThat(theirs.getStatus()).isNull();
    List<String> reads =
        api.agentRequests.stream()
            .filter(r -> r.startsWith("GET ") && r.contains("/bondbridgenodes?"))
            .toList();
    assertThat(reads).isNotEmpty();
    assertThat(reads)
        .as("every list and watch of BondBridgeNodes is for this node only")
        .allMatch(r -> r.contains("labelSelector=bondbridge.io%2Fnode%3Dnode-a"));
    assertThat(api.agentRequests).noneMatch(r -> r.contains("/api/v1/nodes"));
  }

  @Test
  void aChildWithThisNodesLabelButAnotherNodesSpecIsNeverApplied() {
    // two long node names can cut to one label value (BondBridgeNode.nodeLabel): spec.node decides
    create(
        spec("storage", "node-b", "bond1", CleanupPolicy.Restore, "eth2", "eth3"),
        BondBridgeNode.nodeLabel(NODE));
    create(spec("vm-uplink", NODE, "bond0", CleanupPolicy.Restore, "eth0", "eth1"));

    awaitStatus("vm-uplink." + NODE, s -> s.phase() == Phase.Ready);
    agent.sync();

    BondBridgeNode theirs = api.child("storage.node-b");
    assertThat(theirs.getMetadata().getFinalizers()).isEmpty();
    assertThat(theirs.getStatus()).isNull();
    assertThat(host.observe().links()).doesNotContainKey("bond1");
  }

  @Test
  void reportsTheKernelsViewAndWritesNothingWhileIdle() {
    create(spec("vm-uplink", NODE, "bond0", CleanupPolicy.Restore, "eth0", "eth1"));
    BondBridgeNodeStatus s = awaitStatus("vm-uplink." + NODE, st -> st.phase() == Phase.Ready);

    assertThat(s.observedGeneration()).isEqualTo(1);
    assertThat(s.bond().activePort()).isEqualTo("eth0");
    assertThat(s.bond().ports())
        .extracting(p -> p.name() + " " + p.miiStatus() + " " + p.state())
        .containsExactly("eth0 up active", "eth1 up backup");
    assertThat(s.linkFailures()).isZero();
    agent.sync();
    String version = api.child("vm-uplink." + NODE).getMetadata().getResourceVersion();
    double writes = agent.metrics().statusWrites();

    int observations = host.observations.get();

    host.noise(); // link events that change nothing we report
    host.noise();
    await()
        .atMost(Duration.ofSeconds(10))
        .alias("the link events were looked at: the host was read again")
        .until(() -> host.observations.get() > observations);
    sleep(Duration.ofMillis(500));
    agent.sync();

    assertThat(api.child("vm-uplink." + NODE).getMetadata().getResourceVersion())
        .isEqualTo(version);
    assertThat(agent.metrics().statusWrites()).isEqualTo(writes);
  }

  @Test
  void aFlappingPortIsOneEventPerReasonWithACountNotOneObjectPerFlap() {
    create(spec("vm-uplink", NODE, "bond0", CleanupPolicy.Restore, "eth0", "eth1"));
    awaitStatus("vm-uplink." + NODE, s -> s.phase() == Phase.Ready);

    for (long flap = 1; flap <= 3; flap++) { // the backup port's cable, in and out
      long failures = flap;
      host.pull("eth1");
      awaitStatus(
          "vm-uplink." + NODE, s -> "1/2".equals(s.portsUp()) && s.linkFailures() == failures);
      host.plug("eth1");
      awaitStatus("vm-uplink." + NODE, s -> "2/2".equals(s.portsUp()));
    }
    host.pull("eth0"); // then the active port fails over, and back
    awaitStatus("vm-uplink." + NODE, s -> "eth1".equals(s.bond().activePort()));
    host.plug("eth0");
    awaitStatus("vm-uplink." + NODE, s -> "2/2".equals(s.portsUp()));
    host.pull("eth1");
    awaitStatus("vm-uplink." + NODE, s -> "eth0".equals(s.bond().activePort()));
    host.plug("eth1");
    awaitStatus("vm-uplink." + NODE, s -> "2/2".equals(s.portsUp()));

    // ten link changes; one Event per reason and port, counted, with the newest message
    List<String> told =
        List.of(
            "PortDown x3: bond0: eth1 link down, eth0 stays the active port (eth1 link failures: 3)",
            "PortUp x4: bond0: eth1 link up (2/2 ports up)",
            "PortUp x1: bond0: eth0 link up (2/2 ports up)",
            "Failover x2: bond0: eth1 link down, eth0 is now the active port (eth1 link failures:"
                + " 4)");
    for (String kind : List.of("BondBridgeNode", "BondBridge")) {
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(api.events())
                      .filteredOn(e -> e.getInvolvedObject().getKind().equals(kind))
                      .extracting(e -> e.getReason() + " x" + e.getCount() + ": " + e.getMessage())
                      .containsExactlyInAnyOrderElementsOf(told));
    }
    Event failover =
        api.events().stream()
            .filter(e -> e.getReason().equals("Failover"))
            .findFirst()
            .orElseThrow();
    assertThat(Instant.parse(failover.getLastTimestamp()))
        .isAfter(Instant.parse(failover.getFirstTimestamp()));
  }

  @Test
  void aChildWhoseIpNeverReturnsIsFailedNamingTheCommandAndTheNextChildIsApplied(@TempDir Path dir)
      throws Exception {
    // an ip that never answers (its sleep keeps the output open too), under a 1 s timeout
    Path ip = dir.resolve("ip");
    Files.writeString(ip, "#!/bin/sh\nsleep 600\necho never\n");
    assertThat(ip.toFile().setExecutable(true)).isTrue();
    host.readThrough(
        "bond1", new HostObserver(new ProcessRunner(Duration.ofSeconds(1)), ip.toString(), dir));

    create(spec("storage", NODE, "bond1", CleanupPolicy.Restore, "eth2", "eth3"));
    await().atMost(Duration.ofSeconds(10)).until(() -> host.readsThrough.get() == 1);
    create(spec("vm-uplink", NODE, "bond0", CleanupPolicy.Restore, "eth0", "eth1"));

    BondBridgeNodeStatus hung = awaitStatus("storage." + NODE, s -> s.phase() == Phase.Failed);
    assertThat(hung.reason()).isEqualTo("HostError");
    assertThat(hung.message()).isEqualTo(ip + " -j -d link show did not finish within 1s; killed");
    BondBridgeNodeStatus next = awaitStatus("vm-uplink." + NODE, s -> s.phase() == Phase.Ready);
    assertThat(next.portsUp()).isEqualTo("2/2");
    assertThat(host.hasBond("bond1")).isFalse();
    assertThat(host.readsThrough.get()).as("not tried again until the spec changes").isEqualTo(1);
  }

  @Test
  void eventsGoToTheNamespaceItIsGiven() {
    agent.close();
    agent = startAgent("bondbridge-system");
    create(spec("vm-uplink", NODE, "bond0", CleanupPolicy.Restore, "eth0", "eth1"));
    awaitStatus("vm-uplink." + NODE, s -> s.phase() == Phase.Ready);

    host.pull("eth0");

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(api.events("bondbridge-system"))
                    .extracting(Event::getReason)
                    .contains("Failover"));
    assertThat(api.events()).isEmpty();
  }

  @Test
  void aPulledCableDegradesWithAFailoverEventAndPluggingItBackMakesItReady() {
    create(spec("vm-uplink", NODE, "bond0", CleanupPolicy.Restore, "eth0", "eth1"));
    awaitStatus("vm-uplink." + NODE, s -> s.phase() == Phase.Ready);

    host.pull("eth0");

    BondBridgeNodeStatus s = awaitStatus("vm-uplink." + NODE, st -> st.phase() == Phase.Degraded);
    assertThat(s.bond().activePort()).isEqualTo("eth1");
    assertThat(s.portsUp()).isEqualTo("1/2");
    assertThat(s.linkFailures()).isEqualTo(1);
    assertThat(s.lastFailover().from()).isEqualTo("eth0");
    assertThat(s.lastFailover().to()).isEqualTo("eth1");
    String told = "bond0: eth0 link down, eth1 is now the active port (eth0 link failures: 1)";
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(api.events())
                    .filteredOn(e -> "Failover".equals(e.getReason()))
                    .extracting(e -> e.getInvolvedObject().getKind() + ": " + e.getMessage())
                    .containsExactlyInAnyOrder("BondBridgeNode: " + told, "BondBridge: " + told));
    Event onChild =
        api.events().stream()
            .filter(e -> e.getInvolvedObject().getKind().equals("BondBridgeNode"))
            .findFirst()
            .orElseThrow();
    assertThat(onChild.getType()).isEqualTo("Warning");
    assertThat(onChild.getInvolvedObject().getName()).isEqualTo("vm-uplink." + NODE);
    assertThat(onChild.getSource().getHost()).isEqualTo(NODE);

    host.plug("eth0");

    BondBridgeNodeStatus back = awaitStatus("vm-uplink." + NODE, st -> st.phase() == Phase.Ready);
    assertThat(back.portsUp()).isEqualTo("2/2");
    assertThat(back.linkFailures()).isEqualTo(1);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(api.events())
                    .extracting(Event::getMessage)
                    .contains("bond0: eth0 link up (2/2 ports up)"));
  }

  @Test
  void twoBondBridgesOnOneNodeApplyOneAtATimeAndDoNotInterfere() {
    create(spec("vm-uplink", NODE, "bond0", CleanupPolicy.Restore, "eth0", "eth1"));
    create(spec("storage", NODE, "bond1", CleanupPolicy.Restore, "eth2", "eth3"));

    awaitStatus("vm-uplink." + NODE, s -> s.phase() == Phase.Ready);
    awaitStatus("storage." + NODE, s -> s.phase() == Phase.Ready);
    agent.sync();
    String uplinkVersion = api.child("vm-uplink." + NODE).getMetadata().getResourceVersion();

    assertThat(host.maxConcurrent.get()).as("applies at once on one node").isEqualTo(1);

    host.pull("eth2");

    BondBridgeNodeStatus storage = awaitStatus("storage." + NODE, s -> s.phase() == Phase.Degraded);
    assertThat(storage.bond().activePort()).isEqualTo("eth3");
    agent.sync();
    assertThat(api.child("vm-uplink." + NODE).getMetadata().getResourceVersion())
        .as("the other BondBridge's status is not touched")
        .isEqualTo(uplinkVersion);
  }

  @Test
  void aRefusedSpecAndAFailedStepAreFailedWithTheirReasonsAndANewSpecIsTriedAgain() {
    create(spec("vm-uplink", NODE, "bond0", CleanupPolicy.Restore, "eth0", "eth9"));

    BondBridgeNodeStatus refused = awaitStatus("vm-uplink." + NODE, s -> s.phase() == Phase.Failed);
    assertThat(refused.reason()).isEqualTo("Refused");
    assertThat(refused.message())
        .isEqualTo("refused, nothing was changed: port eth9 not found on this host");
    assertThat(host.applies.get()).isZero();

    host.failNextApply();
    editSpec("vm-uplink." + NODE, "eth0", "eth1");

    BondBridgeNodeStatus failed =
        awaitStatus(
            "vm-uplink." + NODE, s -> s.phase() == Phase.Failed && s.observedGeneration() == 2L);
    assertThat(failed.reason()).isEqualTo("ApplyFailed");
    assertThat(failed.message())
        .isEqualTo("ip link add name bond0 type bond: File exists; host restored");

    editSpec("vm-uplink." + NODE, "eth1", "eth0");

    awaitStatus("vm-uplink." + NODE, s -> s.phase() == Phase.Ready && s.observedGeneration() == 3L);
  }

  @Test
  void anAgentWhoseFirstListFailsKeepsTryingAndServesItsNodeOnceTheApiServerAnswers()
      throws InterruptedException {
    agent.close();
    create(spec("vm-uplink", NODE, "bond0", CleanupPolicy.Restore, "eth0", "eth1"));
    api.cut();
    api.agentRequests.clear();
    agent = launchAgent(NodeAgent.DEFAULT_EVENT_NAMESPACE);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> api.agentRequests.stream().anyMatch(r -> r.contains("bondbridgenodes")));
    // past the client's request timeout (5 s): the first list has failed by then; fabric8 would
    // stop such an informer for good unless told to retry
    Thread.sleep(7_000);
    assertThat(agent.isAlive()).as("a watch still retrying is alive").isTrue();
    api.restore();

    awaitStatus("vm-uplink." + NODE, s -> s.phase() == Phase.Ready);
    assertThat(host.hasBond("bond0")).isTrue();
  }

  @Test
  void aChildWhoseSpecCannotBeReadIsReportedAndTheOthersAreStillAppliedAndTornDown() {
    // a VLAN id past 32 bits, as an older, looser CRD let in: before, it stopped the watch
    String bad =
        """
        {"apiVersion":"bondbridge.io/v1alpha1","kind":"BondBridgeNode",
         "metadata":{"name":"bad.%1$s","labels":{"bondbridge.io/node":"%1$s"}},
         "spec":{"node":"%1$s","bondBridge":"bad","bondBridgeGeneration":1,
                 "bond":{"name":"bond7","mode":"active-backup","ports":[{"name":"eth3"}]},
                 "vlans":[{"id":99999999999,"name":"bond7.x"}]}}
        """
            .formatted(NODE);
    api.client()
        .genericKubernetesResources("bondbridge.io/v1alpha1", "BondBridgeNode")
        .resource(
            Serialization.unmarshal(
                bad, io.fabric8.kubernetes.api.model.GenericKubernetesResource.class))
        .create();
    create(spec("vm-uplink", NODE, "bond0", CleanupPolicy.Restore, "eth0", "eth1"));

    BondBridgeNodeStatus reported = awaitStatus("bad." + NODE, s -> s.phase() == Phase.Failed);
    assertThat(reported.reason()).isEqualTo("InvalidSpec");
    assertThat(reported.message())
        .startsWith("the spec cannot be read, nothing was changed: spec.vlans[0].id: 99999999999");
    awaitStatus("vm-uplink." + NODE, s -> s.phase() == Phase.Ready);
    assertThat(host.hasBond("bond7")).isFalse();

    // still listening: a new child is applied, a deleted one torn down
    create(spec("storage", NODE, "bond1", CleanupPolicy.Restore, "eth2", "eth3"));
    awaitStatus("storage." + NODE, s -> s.phase() == Phase.Ready);
    api.client().resources(BondBridgeNode.class).withName("vm-uplink." + NODE).delete();
    await().atMost(Duration.ofSeconds(10)).until(() -> api.child("vm-uplink." + NODE) == null);
    assertThat(host.hasBond("bond0")).as("torn down").isFalse();
    assertThat(host.hasBond("bond1")).isTrue();
    assertThat(agent.isAlive()).isTrue();
  }

  @Test
  void deletionTearsDownBeforeLettingGoAndOrphanLeavesTheHostAsItIs() {
    create(spec("vm-uplink", NODE, "bond0", CleanupPolicy.Restore, "eth0", "eth1"));
    create(spec("storage", NODE, "bond1", CleanupPolicy.Orphan, "eth2", "eth3"));
    awaitStatus("vm-uplink." + NODE, s -> s.phase() == Phase.Ready);
    awaitStatus("storage." + NODE, s -> s.phase() == Phase.Ready);

    api.client().resources(BondBridgeNode.class).withName("vm-uplink." + NODE).delete();
    api.client().resources(BondBridgeNode.class).withName("storage." + NODE).delete();

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> api.child("vm-uplink." + NODE) == null && api.child("storage." + NODE) == null);
    assertThat(host.hasBond("bond0")).as("Restore: torn down").isFalse();
    assertThat(host.hasBond("bond1")).as("Orphan: left running").isTrue();
    assertThat(host.deletes.get()).isEqualTo(1);
  }

  @Test
  void aRestartedAgentOnAConvergedHostChangesNothingAndWritesNothing() {
    create(spec("vm-uplink", NODE, "bond0", CleanupPolicy.Restore, "eth0", "eth1"));
    awaitStatus("vm-uplink." + NODE, s -> s.phase() == Phase.Ready);
    agent.sync();
    agent.close();
    String version = api.child("vm-uplink." + NODE).getMetadata().getResourceVersion();
    int applies = host.applies.get();
    int observations = host.observations.get();

    agent = startAgent();
    sleep(Duration.ofMillis(500));
    agent.sync();

    assertThat(host.observations.get()).as("the host was read again").isGreaterThan(observations);
    assertThat(host.applies.get()).as("nothing applied").isEqualTo(applies);
    assertThat(agent.metrics().statusWrites()).isZero();
    assertThat(api.child("vm-uplink." + NODE).getMetadata().getResourceVersion())
        .isEqualTo(version);
  }

  @Test
  void withTheApiServerAwayTheHostIsLeftAloneAndTheStatusCatchesUp() {
    create(spec("vm-uplink", NODE, "bond0", CleanupPolicy.Restore, "eth0", "eth1"));
    awaitStatus("vm-uplink." + NODE, s -> s.phase() == Phase.Ready);
    agent.sync();
    int applies = host.applies.get();

    api.cut();
    host.pull("eth0");
    sleep(Duration.ofMillis(500));
    agent.sync();

    assertThat(host.hasBond("bond0")).isTrue();
    assertThat(host.activePort("bond0")).isEqualTo("eth1");
    assertThat(host.applies.get()).isEqualTo(applies);
    assertThat(host.deletes.get()).isZero();
    assertThat(api.child("vm-uplink." + NODE).getStatus().phase())
        .as("the API server has not heard yet")
        .isEqualTo(Phase.Ready);
    assertThat(agent.isAlive()).isTrue();

    api.restore();

    BondBridgeNodeStatus s = awaitStatus("vm-uplink." + NODE, st -> st.phase() == Phase.Degraded);
    assertThat(s.bond().activePort()).isEqualTo("eth1");
    assertThat(s.linkFailures()).isEqualTo(1);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> assertThat(api.events()).extracting(Event::getReason).contains("Failover"));
    await().atMost(Duration.ofSeconds(20)).until(agent::isReady);
  }

  @Test
  void aBondDeletedOrAPortReleasedByHandIsPutBackWithADriftCorrectedEvent() {
    create(spec("vm-uplink", NODE, "bond0", CleanupPolicy.Restore, "eth0", "eth1"));
    awaitStatus("vm-uplink." + NODE, s -> s.phase() == Phase.Ready);
    agent.sync();
    int applies = host.applies.get();

    host.deleteBond("bond0"); // ip link del bond0

    await().atMost(Duration.ofSeconds(20)).until(() -> host.hasBond("bond0"));
    BondBridgeNodeStatus back = awaitStatus("vm-uplink." + NODE, s -> s.phase() == Phase.Ready);
    assertThat(back.portsUp()).isEqualTo("2/2");
    String told = "put back what changed on the host: bond0 made again";
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(api.events())
                    .filteredOn(e -> Drift.CORRECTED.equals(e.getReason()))
                    .extracting(e -> e.getInvolvedObject().getKind() + ": " + e.getMessage())
                    .containsExactlyInAnyOrder("BondBridgeNode: " + told, "BondBridge: " + told));
    assertThat(host.applies.get()).as("one apply put it back").isEqualTo(applies + 1);
    assertThat(agent.metrics().driftCorrections("bond0")).isEqualTo(1);

    host.release("eth1"); // ip link set eth1 nomaster

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> host.portsOf("bond0").equals(List.of("eth0", "eth1")));
    awaitStatus("vm-uplink." + NODE, s -> s.phase() == Phase.Ready && "2/2".equals(s.portsUp()));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> agent.metrics().driftCorrections("bond0") == 2);
  }

  @Test
  void driftOntoAForeignDeviceIsRefusedUntouchedAndPutBackOnceTheHostAllowsIt() {
    create(spec("vm-uplink", NODE, "bond0", CleanupPolicy.Restore, "eth0", "eth1"));
    awaitStatus("vm-uplink." + NODE, s -> s.phase() == Phase.Ready);
    agent.sync();
    int applies = host.applies.get();

    // an admin's own bond takes the ports (made first: the fake would not stop bond0 taking them
    // back in between)
    host.foreignBond("team0", "eth0", "eth1");
    host.deleteBond("bond0");

    BondBridgeNodeStatus refused = awaitStatus("vm-uplink." + NODE, s -> s.phase() == Phase.Failed);
    assertThat(refused.reason()).isEqualTo("Refused");
    assertThat(refused.message()).contains("eth0 is enslaved to team0");
    sleep(Duration.ofMillis(1500)); // a retry round would have run by now
    agent.sync();
    assertThat(host.applies.get()).as("nothing applied").isEqualTo(applies);
    assertThat(host.portsOf("team0")).containsExactly("eth0", "eth1");

    host.deleteBond("team0"); // the admin lets go: a link event

    await().atMost(Duration.ofSeconds(20)).until(() -> host.hasBond("bond0"));
    awaitStatus("vm-uplink." + NODE, s -> s.phase() == Phase.Ready);
    assertThat(host.applies.get()).isEqualTo(applies + 1);
  }

  @Test
  void aPulledCableIsNotDriftAndIsNeverReapplied() {
    create(spec("vm-uplink", NODE, "bond0", CleanupPolicy.Restore, "eth0", "eth1"));
    awaitStatus("vm-uplink." + NODE, s -> s.phase() == Phase.Ready);
    agent.sync();
    int applies = host.applies.get();

    host.pull("eth0");
    awaitStatus("vm-uplink." + NODE, s -> s.phase() == Phase.Degraded);
    host.pull("eth1");
    awaitStatus("vm-uplink." + NODE, s -> "0/2".equals(s.portsUp()));
    host.plug("eth0");
    host.plug("eth1");
    awaitStatus("vm-uplink." + NODE, s -> s.phase() == Phase.Ready);
    sleep(Duration.ofMillis(1500)); // a retry round would have run by now
    agent.sync();

    assertThat(host.applies.get()).as("no apply for a carrier change").isEqualTo(applies);
    assertThat(agent.metrics().driftCorrections("bond0")).isZero();
    assertThat(api.events()).extracting(Event::getReason).doesNotContain(Drift.CORRECTED);
  }

  @Test
  void aCorrectionThatFailsIsTriedAgainWithBackoffNotOnEveryLinkEvent() {
    create(spec("vm-uplink", NODE, "bond0", CleanupPolicy.Restore, "eth0", "eth1"));
    awaitStatus("vm-uplink." + NODE, s -> s.phase() == Phase.Ready);
    agent.sync();
    int applies = host.applies.get();
    host.failApplies(true);

    host.deleteBond("bond0");

    BondBridgeNodeStatus failed = awaitStatus("vm-uplink." + NODE, s -> s.phase() == Phase.Failed);
    assertThat(failed.reason()).isEqualTo("ApplyFailed");
    await().atMost(Duration.ofSeconds(20)).until(() -> host.applies.get() >= applies + 2);
    for (int i = 0; i < 160; i++) { // link events for a few seconds while it fails
      host.noise();
      sleep(Duration.ofMillis(25));
    }
    agent.sync();

    // Backoff 0.5 s, 1 s, 2 s, 4 s... allows 4 tries in the first 4 seconds, 6 in 16. Tried on
    // every observation of those link events (coalesced, one per settle time: ~0.5 s) or of the
    // failed tries' own, it would be twice that and growing.
    assertThat(host.applies.get() - applies).as("tries").isBetween(2, 6);

    host.failApplies(false);

    await().atMost(Duration.ofSeconds(40)).until(() -> host.hasBond("bond0"));
    awaitStatus("vm-uplink." + NODE, s -> s.phase() == Phase.Ready);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> assertThat(api.events()).extracting(Event::getReason).contains(Drift.CORRECTED));
  }

  @Test
  void anotherToolThatKeepsDeletingTheBondMeetsBackoffNotALoop() throws Exception {
    create(spec("vm-uplink", NODE, "bond0", CleanupPolicy.Restore, "eth0", "eth1"));
    awaitStatus("vm-uplink." + NODE, s -> s.phase() == Phase.Ready);
    agent.sync();
    int applies = host.applies.get();

    java.util.concurrent.atomic.AtomicBoolean fighting =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    Thread tool =
        new Thread(
            () -> {
              while (fighting.get()) {
                if (host.hasBond("bond0")) {
                  host.deleteBond("bond0");
                }
                sleep(Duration.ofMillis(10));
              }
            });
    tool.start();
    await().atMost(Duration.ofSeconds(20)).until(() -> host.applies.get() >= applies + 2);
    sleep(Duration.ofMillis(4000));
    fighting.set(false);
    tool.join();
    agent.sync();

    // each deletion is a link event: undone at their pace it would be a correction per settle
    // time (~0.5 s), a dozen in these seconds; with backoff 0.5 s, 1 s, 2 s... it is a handful
    assertThat(host.applies.get() - applies).as("corrections").isBetween(2, 6);

    await().atMost(Duration.ofSeconds(40)).until(() -> host.hasBond("bond0"));
    awaitStatus("vm-uplink." + NODE, s -> s.phase() == Phase.Ready);
  }

  // ------------------------------------------------------------------ helpers

  static BondBridge example() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path f = d.resolve("examples/bond.yaml");
      if (Files.exists(f)) {
        try {
          return Serialization.unmarshal(Files.readString(f), BondBridge.class);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    }
    throw new IllegalStateException("no examples/bond.yaml");
  }

  static BondBridgeNodeSpec spec(
      String bb, String node, String bond, CleanupPolicy cleanup, String... ports) {
    BondBridgeNodeSpec base = CapturedHosts.example("bond.yaml", node);
    Bond b = base.bond();
    List<PortSelector> selectors =
        java.util.Arrays.stream(ports).map(PortSelector::byName).toList();
    return new BondBridgeNodeSpec(
        node,
        bb,
        1L,
        new Bond(bond, b.mode(), selectors, null, b.options(), b.mtu()),
        null,
        null,
        base.ipv4(),
        null,
        base.probes(),
        cleanup,
        null);
  }

  private void create(BondBridgeNodeSpec spec) {
    create(spec, BondBridgeNode.nodeLabel(spec.node()));
  }

  private void create(BondBridgeNodeSpec spec, String nodeLabel) {
    api.createChild(owner, spec, nodeLabel);
  }

  private void editSpec(String name, String... ports) {
    api.client()
        .resources(BondBridgeNode.class)
        .withName(name)
        .edit(
            c -> {
              BondBridgeNodeSpec s = c.getSpec();
              Bond b = s.bond();
              c.setSpec(
                  new BondBridgeNodeSpec(
                      s.node(),
                      s.bondBridge(),
                      s.bondBridgeGeneration() + 1,
                      new Bond(
                          b.name(),
                          b.mode(),
                          java.util.Arrays.stream(ports).map(PortSelector::byName).toList(),
                          null,
                          b.options(),
                          b.mtu()),
                      s.vlans(),
                      s.bridge(),
                      s.ipv4(),
                      null,
                      s.probes(),
                      s.cleanup(),
                      null));
              return c;
            });
  }

  private BondBridgeNodeStatus awaitStatus(String name, Predicate<BondBridgeNodeStatus> until) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              BondBridgeNode c = api.child(name);
              return c == null ? null : c.getStatus();
            },
            s -> s != null && until.test(s));
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
