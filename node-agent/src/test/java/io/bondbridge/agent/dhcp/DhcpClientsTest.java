package io.bondbridge.agent.dhcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bondbridge.agent.exec.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervision of the clients with real child processes: a stand-in for dhclient (a script that
 * writes its pid where dhclient would, then sleeps), so that the exits are real exits. That the
 * real dhclient gets and keeps a lease is DhcpKernelIT's.
 */
class DhcpClientsTest {
  @TempDir Path dir;

  @Test
  void aClientThatDiesIsStartedAgainAndAStoppedOneIsNot() throws Exception {
    LeaseFiles files = LeaseFiles.under(dir);
    try (DhcpClients clients =
        new DhcpClients(new Dhclient(standIn(), files), new ProcessRunner())) {
      clients.keep("br0", true);
      long first = awaitPid(files, -1);
      assertThat(clients.running("br0")).isTrue();
      assertThat(Files.readString(files.log("br0"))).contains("-sf " + files.hook(), "br0");

      ProcessHandle.of(first).orElseThrow().destroyForcibly();
      long second = awaitPid(files, first);
      assertThat(second).isNotEqualTo(first);

      clients.keep("br0", true); // already kept: no second client
      assertThat(ProcessHandle.of(second).map(ProcessHandle::isAlive)).contains(true);

      clients.stop("br0");
      assertThat(ProcessHandle.of(second).map(ProcessHandle::isAlive).orElse(false)).isFalse();
      Thread.sleep(1500); // longer than the first pause before a start again
      assertThat(Long.parseLong(Files.readString(files.pid("br0")).strip())).isEqualTo(second);
      assertThat(clients.running("br0")).isFalse();
    }
  }

  @Test
  void aClientLeftByAnEarlierRunIsAdoptedWatchedAndStoppedByTheLaterOne() throws Exception {
    LeaseFiles files = LeaseFiles.under(dir);
    Dhclient dhclient = new Dhclient(standIn(), files);
    long left;
    try (DhcpClients earlier = new DhcpClients(dhclient, new ProcessRunner())) {
      earlier.keep("bond0.20", false);
      left = awaitPid(files, -1);
    } // the earlier run ends; its client goes on
    assertThat(ProcessHandle.of(left).map(ProcessHandle::isAlive)).contains(true);
    try (DhcpClients later = new DhcpClients(dhclient, new ProcessRunner())) {
      assertThat(later.running("bond0.20")).isTrue();
      later.keep("bond0.20", false); // kept already: the earlier run's client goes on
      assertThat(ProcessHandle.of(left).map(ProcessHandle::isAlive)).contains(true);
      assertThat(Long.parseLong(Files.readString(files.pid("bond0.20")).strip())).isEqualTo(left);

      // it dies: a child of ours takes its place
      ProcessHandle.of(left).orElseThrow().destroyForcibly();
      long child = awaitPid(files, left);
      assertThat(ProcessHandle.current().children().map(ProcessHandle::pid)).contains(child);

      later.stop("bond0.20");
      assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)).isFalse();
      assertThat(later.running("bond0.20")).isFalse();
    }
  }

  @Test
  void anAdoptedClientIsStoppedByTheLaterRun() throws Exception {
    LeaseFiles files = LeaseFiles.under(dir);
    Dhclient dhclient = new Dhclient(standIn(), files);
    long left;
    try (DhcpClients earlier = new DhcpClients(dhclient, new ProcessRunner())) {
      earlier.keep("br0", true);
      left = awaitPid(files, -1);
    }
    try (DhcpClients later = new DhcpClients(dhclient, new ProcessRunner())) {
      later.stop("br0"); // a teardown by the next CLI command
      assertThat(ProcessHandle.of(left).map(ProcessHandle::isAlive).orElse(false)).isFalse();
      Thread.sleep(1500); // longer than the first pause before a start again
      assertThat(later.running("br0")).isFalse();
    }
  }

  @Test
  void aClientOfAnInterfaceMadeAgainIsStoppedAndKeepStartsOneOnTheNewInterface() throws Exception {
    LeaseFiles files = LeaseFiles.under(dir);
    java.util.concurrent.atomic.AtomicLong index = new java.util.concurrent.atomic.AtomicLong(7);
    StartedOn.Interfaces kernel = d -> java.util.OptionalLong.of(index.get());
    Dhclient dhclient = new Dhclient(standIn(), files);
    long second;
    try (DhcpClients clients = new DhcpClients(dhclient, new ProcessRunner(), kernel)) {
      clients.keep("br0", true);
      long first = awaitPid(files, -1);
      assertThat(Files.readString(files.ifindex("br0")).strip()).isEqualTo("7");
      assertThat(clients.running("br0")).isTrue();

      index.set(12); // br0 deleted by hand and made again
      assertThat(clients.running("br0")).isFalse();
      assertThat(ProcessHandle.of(first).map(ProcessHandle::isAlive).orElse(false)).isFalse();
      Thread.sleep(1500); // longer than the first pause before a start again: none comes
      assertThat(clients.running("br0")).isFalse();

      clients.keep("br0", true);
      second = awaitPid(files, first);
      assertThat(Files.readString(files.ifindex("br0")).strip()).isEqualTo("12");
      assertThat(clients.running("br0")).isTrue();
    }
    // a later run finds the client it left on the interface it started on, and one it did not
    try (DhcpClients later = new DhcpClients(dhclient, new ProcessRunner(), kernel)) {
      assertThat(later.running("br0")).isTrue();
      index.set(13);
      later.keep("br0", true); // the left client serves a gone br0: replaced
      long third = awaitPid(files, second);
      assertThat(ProcessHandle.of(second).map(ProcessHandle::isAlive).orElse(false)).isFalse();
      assertThat(Files.readString(files.ifindex("br0")).strip()).isEqualTo("13");
      later.stop("br0");
      assertThat(ProcessHandle.of(third).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }
  }

  /** Writes its pid to the file after -pf, its arguments to stdout (the log), and waits. */
  private String standIn() throws IOException {
    Path script = dir.resolve("dhclient");
    Files.writeString(
        script,
        """
        #!/bin/sh
        echo "$*"
        while [ "$1" != "-pf" ]; do shift; done
        echo $$ > "$2"
        while :; do sleep 1; done
        """);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script.toString();
  }

  private static long awaitPid(LeaseFiles files, long other) {
    long[] pid = {-1};
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              Path file =
                  files.pid(
                      List.of("br0", "bond0.20").stream()
                          .filter(d -> Files.exists(files.pid(d)))
                          .findFirst()
                          .orElse("br0"));
              if (!Files.exists(file)) {
                return false;
              }
              String text = Files.readString(file).strip();
              if (text.isEmpty()) {
                return false;
              }
              pid[0] = Long.parseLong(text);
              return pid[0] != other
                  && ProcessHandle.of(pid[0]).map(ProcessHandle::isAlive).orElse(false);
            });
    return pid[0];
  }
}
