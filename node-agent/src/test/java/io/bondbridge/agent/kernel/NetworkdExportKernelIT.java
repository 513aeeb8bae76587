package io.bondbridge.agent.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code bondbridge export --format networkd} for an admin who wants systemd-networkd to own the
 * uplink: the real systemd-networkd (Debian's, run in a mount namespace of its own, so that it
 * reads the exported files alone and none of the host's) brings seed 001's bond up from them with
 * no warning about them, the bond as BondBridge would make it: once networkd is stopped, a plan
 * with adopt is the mark and nothing else; the same for a bridge and a VLAN; and networkd reads the
 * export of every round-trip spec without a warning.
 */
class NetworkdExportKernelIT {

  @Test
  void networkdBringsUpWhatExportWroteAsBondBridgeWouldMakeIt() throws Exception {
    try (KernelLab lab = KernelLab.withNics(2)) {
      List<String> steps =
          bringUpThenPlanAdopt(
              lab,
              Examples.seed001InTheLab(),
              () -> {
                lab.waitFor(
                    Duration.ofSeconds(60),
                    () ->
                        lab.host().addressesOn("bond0").stream()
                            .anyMatch(a -> a.cidr().equals(KernelLab.NODE_CIDR)),
                    "networkd to put the node address on bond0");
                lab.ip("-n", "peer", "neigh", "flush", "dev", "p0");
                lab.waitFor(
                    Duration.ofSeconds(20), lab::peerReachesNode, "the peer to reach bond0");
                System.out.printf(
                    "networkd's bond0 has the MAC %s; eth0's is %s%n",
                    lab.macOf("bond0"), lab.macOf("eth0"));
                Exports.assertSeed001Bond(lab);
              });
      assertThat(steps)
          .as("the mark alone")
          .singleElement()
          .asString()
          .endsWith("1. ip link set dev bond0 alias bondbridge:squeeze-bond");
    }
  }

  /**
   * The bond under a VLAN-aware bridge (pvid, trunk and self VLANs) that holds the node address,
   * and a VLAN on the bond with an address of its own: networkd brings up all three from the
   * export, and a plan with adopt is their three marks, nothing else (the bridge's STP, forward
   * delay and VLAN table, the VLAN's id and parent, the addresses and the default route all as
   * BondBridge would set them).
   */
  @Test
  void networkdBringsUpABridgeAndAVlanAsBondBridgeWouldMakeThem() throws Exception {
    try (KernelLab lab = KernelLab.withNics(2)) {
      Path example =
          Examples.write(
              """
              apiVersion: bondbridge.io/v1alpha1
              kind: BondBridge
              metadata: {name: bridged}
              spec:
                bond:
                  name: bond0
                  mode: active-backup
                  ports: [{name: eth0}, {name: eth1}]
                  primary: eth0
                  options: {miimon: 100}
                bridge:
                  name: br0
                  vlanFiltering: true
                  pvid: 10
                  trunk: [{id: 20, to: 22}, {id: 40}]
                  self: [{id: 30}]
                vlans:
                  - id: 20
                    ipv4: {mode: static, addresses: {squeeze: 10.20.0.2/24}}
                ipv4: {mode: static, addresses: {squeeze: 10.0.0.2/24}, gateway: 10.0.0.1}
              """);
      List<String> steps =
          bringUpThenPlanAdopt(
              lab,
              example,
              () -> {
                lab.waitFor(
                    Duration.ofSeconds(60),
                    () ->
                        lab.host().addressesOn("br0").stream()
                                .anyMatch(a -> a.cidr().equals(KernelLab.NODE_CIDR))
                            && lab.host().addressesOn("bond0.20").stream()
                                .anyMatch(a -> a.cidr().equals("10.20.0.2/24")),
                    "networkd to put the addresses on br0 and bond0.20");
                lab.ip("-n", "peer", "neigh", "flush", "dev", "p0");
                lab.waitFor(Duration.ofSeconds(30), lab::peerReachesNode, "the peer to reach br0");
                assertThat(lab.host().links().get("bond0").master()).isEqualTo("br0");
                var vlans = lab.runner.run(List.of("bridge", "vlan", "show"));
                System.out.printf("the VLAN table networkd set:%n%s%n", vlans.stdout());
              });
      assertThat(steps)
          .as("the marks alone")
          .hasSize(3)
          .allMatch(l -> l.contains(" alias bondbridge:bridged"));
    }
  }

  /** What runs while networkd has the lab's links. */
  @FunctionalInterface
  private interface WhileUp {
    void check() throws Exception;
  }

  /**
   * The export of {@code example} brought up by networkd on the lab (the node address off eth0
   * first, as on a fresh boot), {@code whileUp} checked while it runs; once it is stopped, its log
   * names no warning about the files, and the steps of a plan with adopt are returned.
   */
  private static List<String> bringUpThenPlanAdopt(KernelLab lab, Path example, WhileUp whileUp)
      throws Exception {
    Path dir = Files.createTempDirectory("networkd");
    Path files = Files.createDirectory(dir.resolve("network"));
    Exports.export(example, "networkd", files);
    lab.nodeAddressOff();

    Path log = dir.resolve("networkd.log");
    Process networkd = networkd(files, log, false);
    try {
      whileUp.check();
    } finally {
      networkd.destroy();
      if (!networkd.waitFor(10, TimeUnit.SECONDS)) {
        networkd.destroyForcibly();
      }
      System.out.printf("networkd said:%n%s%n", Files.readString(log));
    }
    assertThat(Files.readString(log).lines())
        .as("networkd's warnings about the files")
        .noneMatch(NetworkdExportKernelIT::warnsOfOurFile);

    return Exports.planAdoptSteps(example, dir.resolve("bondbridge"));
  }

  /**
   * Seed 001's two examples and every import fixture (LACP, VLANs, bridges on VLANs, DHCP, IPv6,
   * ARP monitoring), as ExportRoundTripTest takes them, exported for networkd and read by the real
   * networkd in a network namespace of its own (its devices are made there, without ports, and go
   * with it): not one warning names our files.
   */
  @Test
  void networkdReadsTheExportOfEverySpecWithoutAWarning() throws Exception {
    Map<Path, String> specs = new LinkedHashMap<>(); // file -> node
    specs.put(Examples.examples().resolve("seed-001-active-backup.yaml"), Examples.NODE);
    specs.put(Examples.examples().resolve("seed-001-arp-monitor.yaml"), Examples.NODE);
    for (String fixture :
        List.of(
            "seed-000-ifcfg",
            "lacp-vlans-ifcfg",
            "netplan-lacp",
            "nm-keyfiles",
            "vlans-interfaces")) {
      Path path =
          Path.of(NetworkdExportKernelIT.class.getResource("/fixtures/import/" + fixture).toURI());
      Cli.Run imported = Cli.exec("import", new String[] {path.toString(), "--node", "node-x"});
      assertThat(imported.exit()).as("%s", imported).isZero();
      specs.put(Examples.write(imported.out()), "node-x");
    }
    for (Map.Entry<Path, String> spec : specs.entrySet()) {
      Path files = Files.createTempDirectory("networkd-files");
      Cli.Run exported =
          Cli.exec(
              "export",
              new String[] {"-f", spec.getKey().toString(), "--node", spec.getValue()},
              "--format",
              "networkd",
              "--out",
              files.toString());
      assertThat(exported.exit()).as("%s: %s", spec.getKey(), exported).isZero();
      Path log = files.resolveSibling(files.getFileName() + ".log");
      Process networkd = networkd(files, log, true);
      assertThat(networkd.waitFor(60, TimeUnit.SECONDS)).as("networkd to end").isTrue();
      String said = Files.readString(log);
      try (Stream<Path> written = Files.list(files)) {
        System.out.printf(
            "networkd on the export of %s (%s):%n%s%n",
            spec.getKey().getFileName(), written.map(Path::getFileName).sorted().toList(), said);
      }
      assertThat(said).as("networkd on %s", spec.getKey()).contains("Enumeration completed");
      assertThat(said.lines())
          .as("networkd's warnings about the files of %s", spec.getKey())
          .noneMatch(NetworkdExportKernelIT::warnsOfOurFile);
    }
  }

  /**
   * A warning of networkd's about one of the exported files: systemd's parsers say {@code
   * FILE:LINE: what} or {@code FILE: what} ("Configuring with FILE." is not one).
   */
  private static boolean warnsOfOurFile(String line) {
    return WARNING.matcher(line).find();
  }

  private static final Pattern WARNING = Pattern.compile("/10-bondbridge-[^ :]+(:\\d+)?: ");

  /**
   * systemd-networkd in a mount namespace of its own: its configuration directories are empty
   * tmpfs, /etc/systemd/network holding {@code files} alone, its state in a tmpfs /run/systemd (so
   * the plan after it compares the devices alone: BondBridge would refuse ports whose networkd
   * state says managed, NetworkdKernelIT), /sys read-only as in a container; the network namespace
   * is the lab's. bash execs into networkd, so the process is networkd itself.
   */
  /**
   * @param scratch in a network namespace of its own too, for 4 seconds: long enough to read its
   *     files and make their devices
   */
  private static Process networkd(Path files, Path log, boolean scratch) throws Exception {
    String script =
        String.join(
            "\n",
            "set -e",
            scratch ? "ip link set lo up" : "true",
            "mkdir -p /run/systemd", // the VM runs no systemd: it may not be there
            "mount -t tmpfs tmpfs /run/systemd",
            "mkdir -p /run/systemd/netif/links /run/systemd/netif/leases /run/systemd/netif/lldp",
            "mkdir -p /run/systemd/network",
            "chown -R systemd-network:systemd-network /run/systemd/netif",
            "mount -t tmpfs tmpfs /etc/systemd/network",
            "cp \"$1\"/* /etc/systemd/network/",
            "mount -t tmpfs tmpfs /usr/lib/systemd/network",
            // the VM runs no udevd: where /sys is writable networkd waits for udev on each link;
            // a network namespace of its own needs a sysfs of its own
            scratch ? "mount -t sysfs -o ro sysfs /sys" : "mount -o bind /sys /sys",
            scratch ? "true" : "mount -o remount,bind,ro /sys",
            scratch
                ? "timeout 4 /lib/systemd/systemd-networkd || true"
                : "exec /lib/systemd/systemd-networkd");
    List<String> unshare = new ArrayList<>(List.of("unshare", "-m"));
    if (scratch) {
      unshare.add("-n");
    }
    unshare.addAll(List.of("--propagation", "private"));
    return new ProcessBuilder(
            Stream.concat(
                    unshare.stream(), Stream.of("bash", "-c", script, "networkd", files.toString()))
                .toList())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .start();
  }
}
