package io.bondbridge.agent.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.host.BondPort;
import io.bondbridge.agent.host.BondState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Failover and port events from two observations, worded like the kernel's log lines. */
class LinkChangesTest {
  private static final BondState BEFORE_PULL = CapturedHosts.host("seed001").bond("bond0").get();
  private static final BondState AFTER_PULL = CapturedHosts.host("failover").bond("bond0").get();

  @Test
  void aPulledActiveCableIsOneFailoverToldLikeTheKernel() {
    List<LinkChange> changes = LinkChanges.between(BEFORE_PULL, AFTER_PULL);

    assertThat(changes)
        .containsExactly(
            new LinkChange(
                "Failover",
                true,
                "bond0",
                "eth0",
                "bond0: eth0 link down, eth1 is now the active port (eth0 link failures: 1)"));
    assertThat(changes.get(0).eventType()).isEqualTo("Warning");
    assertThat(LinkChanges.failedOver(BEFORE_PULL, AFTER_PULL)).isTrue();
  }

  @Test
  void thePrimaryComingBackTakesOverAgain() {
    List<LinkChange> changes = LinkChanges.between(AFTER_PULL, BEFORE_PULL);

    assertThat(changes)
        .extracting(LinkChange::reason, LinkChange::eventType, LinkChange::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "Failover",
                "Normal",
                "bond0: eth0 link up, eth0 is now the active port (2/2 ports up)"));
  }

  @Test
  void aBackupPortDownIsAPortDownAndTheActivePortStays() {
    BondState before = bond("eth0", port("eth0", "up", 0), port("eth1", "up", 0));
    BondState after = bond("eth0", port("eth0", "up", 0), port("eth1", "down", 1));

    assertThat(LinkChanges.between(before, after))
        .extracting(LinkChange::reason, LinkChange::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "PortDown",
                "bond0: eth1 link down, eth0 stays the active port (eth1 link failures: 1)"));
    assertThat(LinkChanges.between(after, before))
        .extracting(LinkChange::reason, LinkChange::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("PortUp", "bond0: eth1 link up (2/2 ports up)"));
    assertThat(LinkChanges.failedOver(before, after)).isFalse();
  }

  @Test
  void theLastPortDownLeavesNoActivePort() {
    BondState before = bond("eth1", port("eth0", "down", 1), port("eth1", "up", 0));
    BondState after = bond(null, port("eth0", "down", 1), port("eth1", "down", 1));

    assertThat(LinkChanges.between(before, after))
        .extracting(LinkChange::message)
        .containsExactly("bond0: eth1 link down, no active port left (eth1 link failures: 1)");
    assertThat(LinkChanges.failedOver(before, after)).isFalse();
  }

  @Test
  void aFlapBetweenTwoObservationsShowsInTheFailureCount() {
    BondState before = bond("eth0", port("eth0", "up", 0), port("eth1", "up", 0));
    BondState after = bond("eth0", port("eth0", "up", 0), port("eth1", "up", 1));

    assertThat(LinkChanges.between(before, after))
        .extracting(LinkChange::reason, LinkChange::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "PortFlapped", "bond0: eth1 link went down and came back (eth1 link failures: 1)"));
  }

  @Test
  void anActivePortChangedByHandIsAFailoverOfItsOwn() {
    BondState before = bond("eth0", port("eth0", "up", 0), port("eth1", "up", 0));
    BondState after = bond("eth1", port("eth0", "up", 0), port("eth1", "up", 0));

    assertThat(LinkChanges.between(before, after))
        .extracting(LinkChange::reason, LinkChange::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "Failover", "bond0: eth1 is now the active port (was eth0)"));
  }

  @Test
  void theActivePortMarkedDownBeforeTheKernelMovedOnIsMidFailover() {
    BondState between = bond("eth0", port("eth0", "down", 1), port("eth1", "up", 0));

    assertThat(LinkChanges.midFailover(between)).isTrue();
    assertThat(LinkChanges.midFailover(AFTER_PULL)).isFalse();
    assertThat(LinkChanges.midFailover(BEFORE_PULL)).isFalse();
    assertThat(
            LinkChanges.midFailover(bond("eth0", port("eth0", "down", 1), port("eth1", "down", 1))))
        .as("nowhere to go: not a failover in progress")
        .isFalse();
  }

  @Test
  void nothingChangedOrNothingToCompareIsNoEvent() {
    assertThat(LinkChanges.between(BEFORE_PULL, BEFORE_PULL)).isEmpty();
    assertThat(LinkChanges.between(null, BEFORE_PULL)).isEmpty();
    assertThat(LinkChanges.between(BEFORE_PULL, null)).isEmpty();
  }

  private static BondState bond(String active, BondPort... ports) {
    return new BondState("bond0", "active-backup", Map.of(), active, "up", List.of(ports));
  }

  private static BondPort port(String name, String mii, long failures) {
    return new BondPort(name, mii, failures, null, 1000, "full", "backup");
  }
}
