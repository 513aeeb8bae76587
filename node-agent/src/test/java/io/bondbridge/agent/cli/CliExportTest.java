package io.bondbridge.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bondbridge export} as an admin runs it: the files on stdout or in {@code --out}, what the
 * format cannot hold on stderr, and what no file can say refused in one line. The host is not
 * touched: the runner refuses every command.
 */
class CliExportTest {
  private final RecordingRunner host = RecordingRunner.noHost();
  private static final String SEED_001 = "../examples/seed-001-active-backup.yaml";

  @Test
  void seed001AsIfupdownStanzasOnStdout() {
    CliRun run =
        CliRun.of(host, "export", "-f", SEED_001, "--node", "squeeze", "--format", "interfaces");
    assertThat(run.exit()).as("%s", run).isZero();
    assertThat(run.out())
        .contains(
            "auto bond0\niface bond0 inet static\n    address 192.168.188.88/24\n"
                + "    gateway 192.168.188.1\n    bond-slaves eth0 eth1\n    bond-mode active-backup\n",
            "    bond-miimon 100\n",
            "    bond-updelay 200\n");
    assertThat(run.err()).contains("ipv6 inherit: not written");
    assertThat(host.commands).isEmpty();
  }

  @Test
  void netplanIntoADirectoryButNeverOverAFile(@TempDir Path dir) throws Exception {
    String[] args = {
      "export", "-f", SEED_001, "--node", "squeeze", "--format", "netplan", "--out", dir.toString()
    };
    CliRun run = CliRun.of(host, args);
    assertThat(run.exit()).as("%s", run).isZero();
    assertThat(run.out()).isEmpty();
    assertThat(Files.readString(dir.resolve("60-bondbridge.yaml")))
        .contains("mode: active-backup", "mii-monitor-interval: 100", "192.168.188.88/24");

    CliRun again = CliRun.of(host, args);
    assertThat(again.exit()).isEqualTo(2);
    assertThat(again.err()).contains("60-bondbridge.yaml exists: move it away first");
  }

  @Test
  void anInheritedAddressCannotBeWritten() {
    CliRun run =
        CliRun.of(
            host, "export", "-f", "../examples/bond.yaml", "--node", "n", "--format", "netplan");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.errLines()).isEqualTo(1);
    assertThat(run.err()).contains("inherit moves what the host has now, which no file knows");
  }
}
