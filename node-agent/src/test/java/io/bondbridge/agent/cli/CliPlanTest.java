package io.bondbridge.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plan} on a host whose links the kernel let someone name {@code eth1;reboot}, {@code
 * eth2<ESC>[2J} and {@code eth3'x} (a link name may hold anything but whitespace, '/' and ':'): the
 * steps print shell-quoted, never raw, and only the host is read. The host is the captured {@code
 * ip -j} output of the kernel fixture "plain", links renamed, served by a recording fake.
 */
class CliPlanTest {
  @TempDir Path dir;

  private static String fixture(String file) throws IOException {
    try (InputStream in = CliPlanTest.class.getResourceAsStream("/fixtures/kernel/plain/" + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String renamed(String json) {
    return json.replace("\"eth1\"", "\"eth1;reboot\"")
        .replace("\"eth2\"", "\"eth2\\u001b[2J\"")
        .replace("\"eth3\"", "\"eth3'x\"");
  }

  @Test
  void stepsNamingOddLinksPrintShellQuoted() throws IOException {
    RecordingRunner host =
        RecordingRunner.host(
            renamed(fixture("link.json")),
            renamed(fixture("addr.json")),
            fixture("route-main.json"));
    Path spec =
        Files.writeString(
            dir.resolve("odd.yaml"),
            """
            apiVersion: bondbridge.io/v1alpha1
            kind: BondBridge
            metadata: {name: odd}
            spec:
              bond: {name: bond0, mode: active-backup, ports: [{namePattern: "eth[123]*"}]}
              ipv4: {mode: none}
            """);

    CliRun run = CliRun.of(host, "plan", "-f", spec.toString(), "--node", "node-a");

    assertThat(run.exit()).as("%s", run).isZero();
    assertThat(run.out())
        .contains(
            "ip link set dev 'eth1;reboot' down",
            "ip link set dev 'eth1;reboot' master bond0",
            "ip link set dev $'eth2\\x1b[2J' master bond0",
            "ip link set dev 'eth3'\\''x' master bond0")
        .doesNotContain("\u001b", "dev eth1;reboot");
    assertThat(host.changes()).as("plan only reads the host").isEmpty();
  }

  @Test
  void aDhcpStepPrintsAsTheCommandItRuns() throws IOException {
    RecordingRunner host =
        RecordingRunner.host(
            fixture("link.json"), fixture("addr.json"), fixture("route-main.json"));
    Path spec =
        Files.writeString(
            dir.resolve("dhcp.yaml"),
            """
            apiVersion: bondbridge.io/v1alpha1
            kind: BondBridge
            metadata: {name: leased}
            spec:
              bond: {name: bond0, mode: active-backup, ports: [{name: eth1}, {name: eth2}]}
              ipv4: {mode: dhcp}
            """);

    CliRun run =
        CliRun.of(
            host,
            "plan",
            "-f",
            spec.toString(),
            "--node",
            "node-a",
            "--state-dir",
            dir.resolve("state").toString());

    assertThat(run.exit()).as("%s", run).isZero();
    assertThat(run.out())
        .contains("dhclient -4 -d -e BONDBRIDGE_ROUTER=yes bond0")
        .doesNotContain("ip -4 -d");
    assertThat(host.changes()).as("plan only reads the host").isEmpty();
  }
}
