package io.bondbridge.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bondbridge import} as an admin runs it: the format told from what is given, the BondBridge
 * on stdout, what was not carried on stderr, and a wrong format or path refused in one line. The
 * host is not touched: the runner refuses every command.
 */
class CliImportTest {
  private final RecordingRunner host = RecordingRunner.noHost();

  private static String fixture(String name) throws URISyntaxException {
    return Path.of(CliImportTest.class.getResource("/fixtures/import/" + name).toURI()).toString();
  }

  @Test
  void aDirectoryOfIfcfgFilesIsReadAsRhelWouldAndTheNotesGoToStderr() throws Exception {
    CliRun run = CliRun.of(host, "import", fixture("seed-000-ifcfg"), "--node", "node-a");
    assertThat(run.exit()).as("%s", run).isZero();
    assertThat(run.out())
        .startsWith("# imported from ")
        .contains("name: bond0", "mode: active-backup", "192.168.1.200/24", "adopt: true");
    assertThat(run.err().lines())
        .hasSize(4)
        .allMatch(l -> l.startsWith("bondbridge: ") && l.contains("HWADDR"));
    assertThat(host.commands).isEmpty();
  }

  @Test
  void theCommandAsAProcessPrintsTheWholeDocument() throws Exception {
    // the real main, in its own JVM: what it prints without a final newline reaches stdout too
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                BondBridgeCli.class.getName(),
                "import",
                fixture("seed-000-ifcfg"),
                "--node",
                "node-a")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).isZero();
    assertThat(out).contains("kind: BondBridge", "adopt: true").endsWith("\n");
  }

  @Test
  void aNetplanDirectoryIsToldFromItsYaml() throws Exception {
    CliRun run = CliRun.of(host, "import", fixture("netplan-lacp"), "--node", "node-a");
    assertThat(run.exit()).as("%s", run).isZero();
    assertThat(run.out()).contains("mode: 802.3ad", "192.168.10.5/24", "adopt: true");
    assertThat(run.err().lines()).hasSize(4);
  }

  @Test
  void anImportTheCrdRefusesExitsTwoWithTheCrdsReason(@TempDir Path dir) throws Exception {
    Path yaml = dir.resolve("01-bond.yaml");
    Files.writeString(
        yaml,
        "network:\n  bonds:\n    bond0:\n      interfaces: [eth0, eth1]\n"
            + "      parameters: {mode: active-backup, mii-monitor-interval: 1000, up-delay: 200}\n");
    CliRun run = CliRun.of(host, "import", yaml.toString(), "--node", "n");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("is refused by the CRD", "updelay must be a multiple of miimon");
  }

  @Test
  void theInterfacesFileStillGoesAsBeforeAndFormatForcesTheReading() throws Exception {
    CliRun stanzas = CliRun.of(host, "import", fixture("seed-000-interfaces"), "--node", "node-a");
    assertThat(stanzas.exit()).as("%s", stanzas).isZero();
    assertThat(stanzas.out()).contains("192.168.1.100/24");

    CliRun forced = CliRun.of(host, "import", "--format", "interfaces", fixture("seed-000-ifcfg"));
    assertThat(forced.exit()).isEqualTo(2);
    assertThat(forced.errLines()).isEqualTo(1);
    assertThat(forced.err()).contains("an interfaces import reads one file");

    CliRun missing = CliRun.of(host, "import", "/nonexistent/ifcfg-bond0");
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err())
        .isEqualTo("bondbridge: /nonexistent/ifcfg-bond0 is not a file or a directory\n");
  }
}
