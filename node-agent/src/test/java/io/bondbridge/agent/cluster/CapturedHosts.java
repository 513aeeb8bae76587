package io.bondbridge.agent.cluster;

import io.bondbridge.agent.cli.SpecFile;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.observe.HostReadings;
import io.bondbridge.agent.observe.HostStateAssembler;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hosts as the real kernel showed them (the fixtures of vm/capture-fixtures.sh, see
 * fixtures/kernel/README.md), and the repository's examples resolved for a node.
 */
final class CapturedHosts {
  private CapturedHosts() {}

  /** e.g. "seed001" (bond0 over eth0, eth1, eth0 active) or "failover" (eth0's cable pulled). */
  static HostState host(String scenario) {
    Path dir = dir(scenario);
    Map<String, String> proc = new LinkedHashMap<>();
    Map<String, Map<String, String>> sysfs = new LinkedHashMap<>();
    try (var files = Files.list(dir)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (name.startsWith("proc-net-bonding-")) {
          proc.put(bond(name, "proc-net-bonding-"), Files.readString(file));
        } else if (name.startsWith("sysfs-bonding-")) {
          Map<String, String> values = new LinkedHashMap<>();
          for (String line : Files.readString(file).split("\n")) {
            int eq = line.indexOf('=');
            values.put(line.substring(0, eq), line.substring(eq + 1) + "\n");
          }
          sysfs.put(bond(name, "sysfs-bonding-"), values);
        }
      }
      return HostStateAssembler.assemble(
          new HostReadings(
              Files.readString(dir.resolve("link.json")),
              Files.readString(dir.resolve("addr.json")),
              Files.readString(dir.resolve("route-main.json")),
              proc,
              sysfs,
              Map.of()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static BondBridgeNodeSpec example(String file, String node) {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve("examples"))) {
        return SpecFile.read(d.resolve("examples").resolve(file), node);
      }
    }
    throw new IllegalStateException("no examples/ above " + Path.of("").toAbsolutePath());
  }

  private static Path dir(String scenario) {
    try {
      return Path.of(CapturedHosts.class.getResource("/fixtures/kernel/" + scenario).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String bond(String fileName, String prefix) {
    return fileName.substring(prefix.length(), fileName.length() - ".txt".length());
  }
}
