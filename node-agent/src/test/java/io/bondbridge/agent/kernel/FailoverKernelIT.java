package io.bondbridge.agent.kernel;

import static io.bondbridge.agent.kernel.KernelChecks.applyAndConverge;
import static io.bondbridge.agent.kernel.KernelChecks.tearDownAndCheck;
import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.Engine;
import io.bondbridge.agent.cli.BondBridgeCli;
import io.bondbridge.agent.exec.ProcessRunner;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.testkit.PeerPing;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The seeds' failover check (the NEC procedure of seed 001) on a real kernel: examples/bond.yaml
 * (eth0 primary + eth1 in active-backup, br0 with the node IP). While the peer pings the node every
 * 50 ms, each cable is pulled in turn and plugged back. The ping keeps getting answers, the active
 * port moves, the failed port's link failure count goes up, and {@code show} reports it all.
 */
class FailoverKernelIT {
  private static final Duration FAILOVER = Duration.ofSeconds(15);
  private static final int SOME_REPLIES = 10;
  private static final Duration FIRST_REPLIES = Duration.ofSeconds(60);

  private KernelLab lab;

  @BeforeEach
  void lab() {
    lab = KernelLab.withNics(2);
  }

  @AfterEach
  void clean() {
    lab.close();
  }

  @Test
  void pullingEachCableInTurnKeepsTheNodeReachable() {
    BondBridgeNodeSpec spec = Examples.load("bond.yaml");
    Engine engine = lab.engine();
    applyAndConverge(engine, spec);
    awaitActive("eth0");
    lab.waitFor(FAILOVER, () -> miiUp("eth1"), "eth1 to be up");

    try (PeerPing ping = lab.peerPings(KernelLab.NODE_IP)) {
      PeerPing.Mark started = ping.mark();
      // the first replies only show that the ping runs; under emulation on a loaded machine its
      // start (a new mount namespace for ip netns exec, then ping) was once seen to take > 15 s
      ping.awaitMoreReplies(SOME_REPLIES, FIRST_REPLIES);
      List<String> phases = new ArrayList<>();
      phases.add("start: " + ping.since(started));

      // the active port's cable: eth1 takes over
      PeerPing.Mark mark = ping.mark();
      lab.pull("eth0");
      awaitActive("eth1");
      lab.waitFor(FAILOVER, () -> miiDown("eth0"), "eth0 MII down");
      assertThat(lab.portSysfs("eth0", "link_failure_count")).isEqualTo("1");
      ping.awaitMoreReplies(SOME_REPLIES, FAILOVER);
      phases.add("pull eth0 (active): " + ping.since(mark));
      assertShow("eth1", "eth0", 1);

      // plugged back: eth0 is the primary, so it is active again once its updelay passed
      mark = ping.mark();
      lab.plug("eth0");
      awaitActive("eth0");
      lab.waitFor(FAILOVER, () -> miiUp("eth0"), "eth0 MII up");
      ping.awaitMoreReplies(SOME_REPLIES, FAILOVER);
      phases.add("plug eth0 (primary back): " + ping.since(mark));

      // the backup's cable: eth0 stays active, eth1 fails
      mark = ping.mark();
      lab.pull("eth1");
      lab.waitFor(FAILOVER, () -> miiDown("eth1"), "eth1 MII down");
      assertThat(lab.portSysfs("eth1", "link_failure_count")).isEqualTo("1");
      assertThat(lab.sysfs("bond0", "active_slave")).isEqualTo("eth0");
      ping.awaitMoreReplies(SOME_REPLIES, FAILOVER);
      phases.add("pull eth1 (backup): " + ping.since(mark));
      assertShow("eth0", "eth1", 1);

      mark = ping.mark();
      lab.plug("eth1");
      lab.waitFor(FAILOVER, () -> miiUp("eth1"), "eth1 MII up");
      ping.awaitMoreReplies(SOME_REPLIES, FAILOVER);
      phases.add("plug eth1 (backup): " + ping.since(mark));

      System.out.printf(
          "FailoverKernelIT: peer ping: %d sent, %d answered, %d lost over two cable pulls%n",
          ping.sent(), ping.replies(), ping.lost());
      phases.forEach(p -> System.out.println("FailoverKernelIT: " + p));
      // The claim "the ping keeps getting answers" is the awaitMoreReplies after every pull and
      // plug above. How many were lost in between is a figure, not an assertion: under emulation
      // on a loaded machine it swings from 4 of 229 to 462 of 666 between runs of the same test.
    }
    assertThat(lab.proc("bond0"))
        .contains("Currently Active Slave: eth0")
        .containsPattern("Slave Interface: eth0\\n(.*\\n)*?Link Failure Count: 1")
        .containsPattern("Slave Interface: eth1\\n(.*\\n)*?Link Failure Count: 1");

    tearDownAndCheck(lab, engine, spec, List.of("bond0", "br0"));
  }

  private boolean miiUp(String port) {
    return lab.portSysfs(port, "mii_status").equals("up");
  }

  /** Down for good: during downdelay the kernel says "going down" and has not counted it yet. */
  private boolean miiDown(String port) {
    return lab.portSysfs(port, "mii_status").equals("down");
  }

  private void awaitActive(String port) {
    lab.waitFor(
        FAILOVER,
        () ->
            port.equals(lab.sysfs("bond0", "active_slave"))
                && lab.proc("bond0").contains("Currently Active Slave: " + port),
        port + " to be the active port");
  }

  /** {@code show} as an admin runs it: the active port, the failed port down with its count. */
  private void assertShow(String active, String failed, int failures) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        BondBridgeCli.run(
            new ProcessRunner(), new PrintWriter(out, true), new PrintWriter(err, true), "show");
    assertThat(exit).as("show exit code, stderr: %s", err).isZero();
    String table = out.toString();
    assertThat(table).containsPattern("Currently active port:\\s+" + active + "\\n");
    Matcher row =
        Pattern.compile(
                "(?m)^\\s*" + failed + "\\s+(up|down)\\s+.*?\\s(\\d+)\\s+[0-9a-f:]{17}\\s+(\\w+)$")
            .matcher(table);
    assertThat(row.find()).as("a port row for %s in:%n%s", failed, table).isTrue();
    assertThat(row.group(1)).as("MII of %s", failed).isEqualTo("down");
    assertThat(row.group(2)).as("link failures of %s", failed).isEqualTo(String.valueOf(failures));
  }
}
