package io.bondbridge.agent.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.host.LinkManager;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatus;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatus.Failover;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatus.PortState;
import io.bondbridge.api.v1alpha1.Phase;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** HostState → BondBridgeNodeStatus, on hosts captured from the real kernel. */
class ObservedStatusTest {
  private static final BondBridgeNodeSpec SEED001 =
      CapturedHosts.example("seed-001-active-backup.yaml", "squeeze");
  private static final HostState HEALTHY = CapturedHosts.host("seed001");
  private static final HostState PULLED = CapturedHosts.host("failover");
  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

  @Test
  void aHealthyBondIsReadyWithEveryPortTheKernelShows() {
    BondBridgeNodeStatus s = ObservedStatus.live(SEED001, 3, HEALTHY, null, null, T0);

    assertThat(s.phase()).isEqualTo(Phase.Ready);
    assertThat(s.observedGeneration()).isEqualTo(3);
    assertThat(s.message()).isEqualTo("bond0 up, active port eth0, 2/2 ports up");
    assertThat(s.portsUp()).isEqualTo("2/2");
    assertThat(s.linkFailures()).isZero();
    assertThat(s.addresses()).containsExactly("192.168.188.88/24");
    assertThat(s.bond().name()).isEqualTo("bond0");
    assertThat(s.bond().mode()).isEqualTo("active-backup");
    assertThat(s.bond().activePort()).isEqualTo("eth0");
    assertThat(s.bond().miiStatus()).isEqualTo("up");
    assertThat(s.bond().ports())
        .containsExactly(
            new PortState(
                "eth0",
                "52:54:00:bb:00:00",
                "52:54:00:bb:00:00",
                "up",
                0L,
                10000,
                "full",
                "active",
                null),
            new PortState(
                "eth1",
                "52:54:00:bb:00:00",
                "52:54:00:bb:00:01",
                "up",
                0L,
                10000,
                "full",
                "backup",
                null));
    assertThat(s.conditions())
        .extracting(Condition::getType, Condition::getStatus)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Applied", "True"),
            org.assertj.core.groups.Tuple.tuple("PortsUp", "True"));
  }

  @Test
  void eachPortSaysWhichNetworkManagerWasFoundAndWhatItDoesWithThePort() {
    HostState managed =
        HEALTHY.withManagers(
            java.util.Map.of(
                "eth0",
                LinkManager.leavingAlone("systemd-networkd", "unmanaged"),
                "eth1",
                new LinkManager(
                    "systemd-networkd",
                    "network file /run/systemd/network/20-eth1.network",
                    "set Unmanaged=yes")));

    BondBridgeNodeStatus s = ObservedStatus.live(SEED001, 3, managed, null, null, T0);

    assertThat(s.bond().ports())
        .extracting(PortState::name, PortState::manager)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("eth0", "systemd-networkd: unmanaged"),
            org.assertj.core.groups.Tuple.tuple(
                "eth1",
                "systemd-networkd: manages it (network file"
                    + " /run/systemd/network/20-eth1.network)"));
  }

  @Test
  void aPulledCableMakesItDegradedWithTheNewActivePortAndTheFailureCount() {
    Failover failover = new Failover("2026-11-22T10:00:05Z", "eth0", "eth1");
    BondBridgeNodeStatus before = ObservedStatus.live(SEED001, 3, HEALTHY, null, null, T0);

    BondBridgeNodeStatus s =
        ObservedStatus.live(SEED001, 3, PULLED, before, failover, T0.plusSeconds(5));

    assertThat(s.phase()).isEqualTo(Phase.Degraded);
    assertThat(s.reason()).isEqualTo("PortsDown");
    assertThat(s.message()).isEqualTo("eth0 down: 1/2 ports up on bond0, active port eth1");
    assertThat(s.portsUp()).isEqualTo("1/2");
    assertThat(s.linkFailures()).isEqualTo(1);
    assertThat(s.bond().activePort()).isEqualTo("eth1");
    assertThat(s.bond().ports())
        .extracting(PortState::name, PortState::miiStatus, PortState::linkFailures)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("eth0", "down", 1L),
            org.assertj.core.groups.Tuple.tuple("eth1", "up", 0L));
    assertThat(s.lastFailover()).isEqualTo(failover);
    Condition portsUp = s.conditions().get(1);
    assertThat(portsUp.getStatus()).isEqualTo("False");
    assertThat(portsUp.getLastTransitionTime()).isEqualTo("2026-11-22T10:00:05Z");
    assertThat(s.conditions().get(0).getLastTransitionTime())
        .as("Applied held, so it keeps its time")
        .isEqualTo("2026-11-22T10:00:00Z");
  }

  @Test
  void anUnchangedHostGivesAnEqualStatusEvenAfterTheApiRoundTrip() {
    BondBridgeNodeStatus first = ObservedStatus.live(SEED001, 3, HEALTHY, null, null, T0);
    // what the agent compares with after a restart: the status as the API server returns it
    BondBridgeNodeStatus fromApi =
        Serialization.unmarshal(Serialization.asJson(first), BondBridgeNodeStatus.class);

    BondBridgeNodeStatus later =
        ObservedStatus.live(SEED001, 3, HEALTHY, fromApi, null, T0.plusSeconds(3600));

    assertThat(later).isEqualTo(fromApi).isEqualTo(first);
  }

  @Test
  void emptyListsAreLeftOutAsTheApiServerDropsThem() {
    HostState noAddresses =
        new HostState(PULLED.links(), PULLED.bonds(), java.util.List.of(), PULLED.routes());

    BondBridgeNodeStatus s = ObservedStatus.live(SEED001, 3, noAddresses, null, null, T0);

    assertThat(s.addresses()).isNull();
    assertThat(s.vlans()).isNull();
  }

  @Test
  void theBridgeAndItsPortsAreReported() {
    BondBridgeNodeSpec seed000 = CapturedHosts.example("seed-000-four-port-bridge.yaml", "squeeze");
    BondBridgeNodeStatus s =
        ObservedStatus.live(seed000, 1, CapturedHosts.host("seed000"), null, null, T0);

    assertThat(s.bridge().name()).isEqualTo("br0");
    assertThat(s.bridge().ports()).containsExactly("bond0");
    assertThat(s.portsUp()).isEqualTo("4/4");
    assertThat(s.addresses()).isNotEmpty();
  }

  @Test
  void aRefusedOrFailedSpecIsFailedWithItsReasonAndNoBond() {
    BondBridgeNodeStatus ready = ObservedStatus.live(SEED001, 3, HEALTHY, null, null, T0);

    BondBridgeNodeStatus s =
        ObservedStatus.failed(
            4, ready, "ApplyFailed", "ip link set eth1 master bond0: busy; host restored", T0);

    assertThat(s.phase()).isEqualTo(Phase.Failed);
    assertThat(s.observedGeneration()).isEqualTo(4);
    assertThat(s.reason()).isEqualTo("ApplyFailed");
    assertThat(s.message()).endsWith("host restored");
    assertThat(s.bond()).isNull();
    assertThat(s.conditions())
        .extracting(Condition::getType, Condition::getStatus)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Applied", "False"));
  }

  @Test
  void aBondRemovedByHandIsDegradedWithTheReason() {
    BondBridgeNodeStatus s =
        ObservedStatus.live(SEED001, 3, CapturedHosts.host("plain"), null, null, T0);

    assertThat(s.phase()).isEqualTo(Phase.Degraded);
    assertThat(s.reason()).isEqualTo("BondMissing");
    assertThat(s.bond()).isNull();
  }

  @Test
  void aPortsVlanTableIsItsPvidAndItsTaggedIdsFoldedIntoRanges() {
    java.util.List<io.bondbridge.agent.host.BridgeVlan> table = new java.util.ArrayList<>();
    table.add(io.bondbridge.agent.host.BridgeVlan.untaggedPvid(1));
    for (int id : new int[] {20, 100, 101, 102, 300}) {
      table.add(io.bondbridge.agent.host.BridgeVlan.tagged(id));
    }

    assertThat(DeviceStates.portVlans("bond0", table))
        .isEqualTo(
            new BondBridgeNodeStatus.PortVlans(
                "bond0", 1, java.util.List.of("20", "100-102", "300")));
  }
}
