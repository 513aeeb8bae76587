package io.bondbridge.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.exporter.Exported;
import io.bondbridge.agent.importer.ImportResult;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.NodeIpv4;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * export, then import of what it wrote, gives the node's spec back: the bond with its options, the
 * bridge, the VLANs with their bridges, and the addresses, in every format. Sources: the seed 001
 * examples, and what the import fixtures of every format make (LACP, VLANs, bridged VLANs,
 * dual-stack, DHCP). ifupdown has no keyword for routes and initscripts keeps them in route-* files
 * (and the import leaves their name servers to the host's resolver), so through those two formats
 * routes are named on export and IPv4 is compared without routes and DNS.
 */
class ExportRoundTripTest {
  private static final Path EXAMPLES = Path.of("..", "examples");

  /** The import fixtures whose spec goes through export: every format's, every mode's. */
  static final List<String> FIXTURES =
      List.of(
          "seed-000-ifcfg",
          "lacp-vlans-ifcfg",
          "netplan-lacp",
          "nm-keyfiles",
          "vlans-interfaces",
          "balance-rr-interfaces",
          "balance-xor-ifcfg",
          "broadcast-interfaces",
          "balance-tlb-netplan.yaml",
          "balance-alb-keyfiles");

  static Stream<Arguments> specs() throws Exception {
    List<Arguments> all = new ArrayList<>();
    for (Exported.Format format : Exported.Format.values()) {
      if (!imported(format)) {
        continue; // networkd: import does not read it (NetworkdKernelIT brings its files up)
      }
      all.add(
          Arguments.of(EXAMPLES.resolve("seed-001-active-backup.yaml"), null, "squeeze", format));
      all.add(Arguments.of(EXAMPLES.resolve("seed-001-arp-monitor.yaml"), null, "squeeze", format));
      for (String fixture : FIXTURES) {
        all.add(Arguments.of(null, fixture, "node-x", format));
      }
    }
    return all.stream();
  }

  /** Whether import reads the format back. */
  private static boolean imported(Exported.Format format) {
    return java.util.Arrays.stream(ImportResult.Format.values())
        .anyMatch(f -> f.name().equals(format.name()));
  }

  @ParameterizedTest(name = "{0}{1} through {3}")
  @MethodSource("specs")
  void exportThenImportGivesTheSpecBack(
      Path example, String fixture, String node, Exported.Format format, @TempDir Path dir)
      throws Exception {
    Path source = example != null ? example : imported(fixture, node, dir);
    BondBridgeNodeSpec before = SpecFile.read(source, node);

    Exported exported = Exported.of(before, format);
    Path out = Files.createDirectory(dir.resolve("out"));
    List<Path> files = new ArrayList<>();
    for (Map.Entry<String, String> f : exported.files().entrySet()) {
      files.add(Files.writeString(out.resolve(f.getKey()), f.getValue()));
    }
    ImportResult back =
        ImportResult.of(
            files, ImportResult.Format.valueOf(format.name()), node, before.bondBridge());
    assertThat(back.refusals()).as("%s", back.yaml()).isEmpty();
    BondBridgeNodeSpec after =
        SpecFile.read(Files.writeString(dir.resolve("back.yaml"), back.yaml()), node);

    assertThat(after.bond()).isEqualTo(before.bond());
    assertThat(after.bridge()).isEqualTo(before.bridge());
    // ifupdown and initscripts keep routes in commands or route-* files, and import leaves their
    // name servers to the host's resolver: through them IPv4 is compared without both
    boolean interfaces = format == Exported.Format.interfaces || format == Exported.Format.ifcfg;
    assertThat(comparable(after.ipv4(), interfaces))
        .isEqualTo(comparable(before.ipv4(), interfaces));
    assertThat(after.ipv6()).isEqualTo(before.ipv6());
    assertThat(after.vlansOrEmpty()).hasSameSizeAs(before.vlansOrEmpty());
    for (int i = 0; i < before.vlansOrEmpty().size(); i++) {
      var b = before.vlansOrEmpty().get(i);
      var a = after.vlansOrEmpty().get(i);
      assertThat(List.of(a.id(), a.name(), String.valueOf(a.mtu()), String.valueOf(a.bridge())))
          .isEqualTo(
              List.of(b.id(), b.name(), String.valueOf(b.mtu()), String.valueOf(b.bridge())));
      assertThat(comparable(a.ipv4(), interfaces)).isEqualTo(comparable(b.ipv4(), interfaces));
    }
    if (interfaces) {
      assertThat(exported.notWritten())
          .allMatch(
              n ->
                  n.contains(": route ")
                      || n.contains("vlan-raw-device")
                      || n.contains("ipv6 inherit: not written"));
    }
  }

  private static Path imported(String fixture, String node, Path dir) throws Exception {
    Path path =
        Path.of(ExportRoundTripTest.class.getResource("/fixtures/import/" + fixture).toURI());
    ImportResult r =
        ImportResult.of(List.of(path), ImportResult.Format.of(List.of(path)), node, null);
    return Files.writeString(dir.resolve("source.yaml"), r.yaml());
  }

  /** The IPv4 block as the format can carry it: through interfaces, without routes and DNS. */
  private static NodeIpv4 comparable(NodeIpv4 ipv4, boolean interfaces) {
    if (ipv4 == null || !interfaces) {
      return ipv4;
    }
    return new NodeIpv4(ipv4.mode(), ipv4.address(), ipv4.gateway(), null, null);
  }
}
