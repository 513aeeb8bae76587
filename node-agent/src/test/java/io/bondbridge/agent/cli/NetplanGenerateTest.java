package io.bondbridge.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bondbridge.agent.exec.CommandRunner;
import io.bondbridge.agent.exec.ProcessRunner;
import io.bondbridge.agent.exporter.Exported;
import io.bondbridge.agent.importer.ImportResult;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real netplan reads BondBridge's netplan as BondBridge means it: Debian's {@code netplan
 * generate} (netplan.io, in a root directory of the test's own: nothing is brought up) renders the
 * netplan import fixtures, and every spec's {@code export --format netplan}, into systemd-networkd
 * files; those must hold the devices (name and kind of each netdev) and the bond's {@code [Bond]}
 * section that BondBridge's own networkd export writes for the spec: for a fixture, the spec {@code
 * import} read from it; for an export, the spec exported. So import reads netplan as netplan does,
 * and export writes what netplan accepts. Skipped, with the reason, where netplan is not installed
 * (scripts/setup.sh installs it).
 */
class NetplanGenerateTest {
  private static final Path EXAMPLES = Path.of("..", "examples");
  private static final Path NETPLAN = Path.of("/usr/sbin/netplan");
  private static final CommandRunner RUNNER = new ProcessRunner();

  static Stream<Arguments> sources() {
    List<Arguments> all = new ArrayList<>();
    for (String fixture : List.of("netplan-arp.yaml", "netplan-lacp", "balance-tlb-netplan.yaml")) {
      all.add(Arguments.of("import of " + fixture, fixture, null));
    }
    for (String example : List.of("seed-001-active-backup.yaml", "seed-001-arp-monitor.yaml")) {
      all.add(Arguments.of("export of " + example, null, example));
    }
    for (String fixture : ExportRoundTripTest.FIXTURES) {
      all.add(Arguments.of("export of the import of " + fixture, fixture, "imported"));
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sources")
  void netplanRendersTheDevicesAndBondOptionsBondBridgeMeans(
      String name, String fixture, String example, @TempDir Path dir) throws Exception {
    assumeTrue(
        Files.isExecutable(NETPLAN),
        "netplan is not installed (apt-get install netplan.io; scripts/setup.sh does)");
    Path root = dir.resolve("root");
    Path etc = Files.createDirectories(root.resolve("etc/netplan"));
    BondBridgeNodeSpec spec;
    if (example == null) {
      // a netplan fixture: netplan renders the file itself, BondBridge what import made of it
      Path source = fixture(fixture);
      spec = SpecFile.read(imported(source, dir), "node-x");
      List<Path> files =
          Files.isDirectory(source) ? Files.list(source).sorted().toList() : List.of(source);
      for (Path f : files) {
        Files.copy(f, etc.resolve(f.getFileName()));
      }
    } else {
      Path source =
          example.equals("imported") ? imported(fixture(fixture), dir) : EXAMPLES.resolve(example);
      spec = SpecFile.read(source, example.equals("imported") ? "node-x" : "squeeze");
      for (Map.Entry<String, String> f :
          Exported.of(spec, Exported.Format.netplan).files().entrySet()) {
        Files.writeString(etc.resolve(f.getKey()), f.getValue());
      }
    }
    try (Stream<Path> files = Files.list(etc)) {
      for (Path f : files.toList()) {
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
      }
    }

    CommandRunner.Result generate =
        RUNNER.run(List.of(NETPLAN.toString(), "generate", "--root-dir", root.toString()));
    assertThat(generate.ok()).as("netplan generate: %s", generate.stderr()).isTrue();
    assertThat(generate.stderr()).doesNotContainIgnoringCase("error");

    Map<String, String> netplans = new TreeMap<>();
    try (Stream<Path> files = Files.list(root.resolve("run/systemd/network"))) {
      for (Path f : files.toList()) {
        netplans.put(f.getFileName().toString(), Files.readString(f));
      }
    }
    Map<String, String> ours = Exported.of(spec, Exported.Format.networkd).files();
    // a file may hold more than one BondBridge takes (a second bond: named by import, not carried)
    TreeSet<String> devices = devices(ours);
    TreeSet<String> rendered = devices(netplans);
    rendered.removeIf(d -> example == null && !devices.contains(d) && d.endsWith(" bond"));
    assertThat(rendered).isEqualTo(devices);
    assertThat(bondSection(netplans, spec.bond().name()))
        .isEqualTo(bondSection(ours, spec.bond().name()));
  }

  private static Path fixture(String name) throws Exception {
    return Path.of(NetplanGenerateTest.class.getResource("/fixtures/import/" + name).toURI());
  }

  private static Path imported(Path source, Path dir) throws Exception {
    ImportResult r =
        ImportResult.of(List.of(source), ImportResult.Format.of(List.of(source)), "node-x", null);
    return Files.writeString(Files.createTempFile(dir, "source", ".yaml"), r.yaml());
  }

  private static final Pattern NAME = Pattern.compile("(?m)^Name=(\\S+)");
  private static final Pattern KIND = Pattern.compile("(?m)^Kind=(\\S+)");

  /** "name kind" of every netdev. */
  private static TreeSet<String> devices(Map<String, String> files) {
    TreeSet<String> devices = new TreeSet<>();
    files.forEach(
        (file, text) -> {
          if (file.endsWith(".netdev")) {
            devices.add(first(NAME, text) + " " + first(KIND, text));
          }
        });
    return devices;
  }

  /** The bond netdev's [Bond] keys and values, durations in milliseconds. */
  private static Map<String, String> bondSection(Map<String, String> files, String bond) {
    for (Map.Entry<String, String> f : files.entrySet()) {
      String text = f.getValue();
      if (f.getKey().endsWith(".netdev") && bond.equals(first(NAME, text))) {
        Map<String, String> section = new TreeMap<>();
        boolean in = false;
        for (String line : text.split("\n")) {
          String l = line.strip();
          if (l.startsWith("[")) {
            in = l.equals("[Bond]");
          } else if (in && l.contains("=")) {
            String key = l.substring(0, l.indexOf('='));
            String value = l.substring(l.indexOf('=') + 1);
            section.merge(key, key.endsWith("Sec") ? millis(value) : value, (a, b) -> a + " " + b);
          }
        }
        return section;
      }
    }
    throw new AssertionError("no netdev of " + bond + " in " + files.keySet());
  }

  /** A systemd time span (seconds without a unit) in milliseconds. */
  private static String millis(String span) {
    Matcher m = Pattern.compile("(\\d+)\\s*(ms|s|min)?").matcher(span.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return span;
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return (switch (unit) {
          case "ms" -> n;
          case "min" -> n * 60_000;
          default -> n * 1000;
        })
        + "ms";
  }

  private static String first(Pattern p, String text) {
    Matcher m = p.matcher(text);
    return m.find() ? m.group(1) : null;
  }
}
