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
  void seed001AsNetworkdFiles(@TempDir Path dir) throws Exception {
    CliRun run =
        CliRun.of(
            host,
            "export",
            "-f",
            SEED_001,
            "--node",
            "squeeze",
            "--format",
            "networkd",
            "--out",
            dir.toString());
    assertThat(run.exit()).as("%s", run).isZero();
    try (var files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "10-bondbridge-eth0.network",
              "10-bondbridge-eth1.network",
              "10-bondbridge-bond0.netdev",
              "10-bondbridge-bond0.network");
    }
    assertThat(Files.readString(dir.resolve("10-bondbridge-eth0.network")))
        .endsWith("[Match]\nName=eth0\n\n[Network]\nBond=bond0\nPrimarySlave=yes\n");
    assertThat(Files.readString(dir.resolve("10-bondbridge-eth1.network")))
        .endsWith("[Network]\nBond=bond0\n");
    assertThat(Files.readString(dir.resolve("10-bondbridge-bond0.netdev")))
        .startsWith("# 10-bondbridge-bond0.netdev: BondBridge squeeze-bond for node squeeze")
        .contains(
            "[NetDev]\nName=bond0\nKind=bond\n",
            "[Bond]\nMode=active-backup\n",
            "MIIMonitorSec=100ms\n",
            "UpDelaySec=200ms\n",
            "DownDelaySec=200ms\n");
    assertThat(Files.readString(dir.resolve("10-bondbridge-bond0.network")))
        .contains("Address=192.168.188.88/24\nGateway=192.168.188.1\n");
    assertThat(run.err()).contains("ipv6 inherit: not written");
  }

  @Test
  void vlansABridgeOnOneAndDhcpAsNetworkdFilesOnStdout(@TempDir Path dir) throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("vlans.yaml"),
            """
            apiVersion: bondbridge.io/v1alpha1
            kind: BondBridge
            metadata: {name: tagged}
            spec:
              bond:
                name: bond0
                mode: 802.3ad
                ports: [{name: eth0}, {name: eth1}]
                options: {lacpRate: fast, xmitHashPolicy: layer3+4}
              vlans:
                - id: 10
                  ipv4: {mode: dhcp}
                - id: 20
                  bridge: {name: br20, stp: true, forwardDelay: 4}
                  ipv4: {mode: static, addresses: {n1: 10.20.0.5/24}, gateway: 10.20.0.1}
              ipv4: {mode: none}
            """);
    CliRun run =
        CliRun.of(host, "export", "-f", file.toString(), "--node", "n1", "--format", "networkd");
    assertThat(run.exit()).as("%s", run).isZero();
    assertThat(run.out())
        .contains(
            "[Bond]\nMode=802.3ad\n",
            "LACPTransmitRate=fast\n",
            "TransmitHashPolicy=layer3+4\n",
            "# 10-bondbridge-bond0.network:",
            "[Match]\nName=bond0\n\n[Network]\nVLAN=bond0.10\nVLAN=bond0.20\n",
            "[NetDev]\nName=bond0.10\nKind=vlan\n\n[VLAN]\nId=10\n",
            "[Match]\nName=bond0.10\n\n[Network]\nDHCP=ipv4\n",
            "[Match]\nName=bond0.20\n\n[Network]\nBridge=br20\n",
            "[NetDev]\nName=br20\nKind=bridge\n\n[Bridge]\nSTP=yes\nForwardDelaySec=4\n",
            "[Match]\nName=br20\n\n[Network]\nAddress=10.20.0.5/24\nGateway=10.20.0.1\n");
    assertThat(host.commands).isEmpty();
  }

  @Test
  void aVlanAwareBridgesTableAsNetworkdsDefaultPvidAndBridgeVlanSections(@TempDir Path dir)
      throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("trunk.yaml"),
            """
            apiVersion: bondbridge.io/v1alpha1
            kind: BondBridge
            metadata: {name: trunk}
            spec:
              bond: {name: bond0, mode: active-backup, ports: [{name: eth0}, {name: eth1}]}
              bridge:
                name: br0
                vlanFiltering: true
                pvid: 10
                trunk: [{id: 20, to: 22}, {id: 40}]
                self: [{id: 30}]
              ipv4: {mode: static, addresses: {n1: 10.0.0.2/24}}
            """);
    CliRun run =
        CliRun.of(host, "export", "-f", file.toString(), "--node", "n1", "--format", "networkd");
    assertThat(run.exit()).as("%s", run).isZero();
    assertThat(run.out())
        .contains(
            "[Bridge]\nSTP=no\nForwardDelaySec=15\nVLANFiltering=yes\nDefaultPVID=10\n",
            "[Match]\nName=bond0\n\n[Network]\nBridge=br0\n\n[BridgeVLAN]\nPVID=10\n"
                + "EgressUntagged=10\n\n[BridgeVLAN]\nVLAN=20-22\n\n[BridgeVLAN]\nVLAN=40\n",
            "Address=10.0.0.2/24\n\n[BridgeVLAN]\nPVID=10\nEgressUntagged=10\n\n"
                + "[BridgeVLAN]\nVLAN=30\n");
    assertThat(run.err()).doesNotContain("pvid");
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
