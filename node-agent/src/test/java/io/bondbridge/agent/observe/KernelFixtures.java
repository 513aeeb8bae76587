package io.bondbridge.agent.observe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The fixtures captured from a real kernel by vm/capture-fixtures.sh, one directory per scenario.
 * Their sysfs-bonding-BOND.txt files hold one "name=value" line per file of the bonding directory.
 */
public final class KernelFixtures {

  static final String SEED001_OLD_PROC = "seed001-proc-net-bonding.txt";

  private KernelFixtures() {}

  static Path root() {
    try {
      return Path.of(KernelFixtures.class.getResource("/fixtures").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path scenario(String name) {
    return root().resolve("kernel").resolve(name);
  }

  /** Every scenario directory, so a newly captured one is tested without touching the tests. */
  static List<String> scenarios() {
    try (Stream<Path> dirs = Files.list(root().resolve("kernel"))) {
      return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String scenario, String file) {
    return text(scenario(scenario).resolve(file));
  }

  static String seed001OldProc() {
    return text(root().resolve(SEED001_OLD_PROC));
  }

  static String proc(String scenario, String bond) {
    return text(scenario, "proc-net-bonding-" + bond + ".txt");
  }

  /** The bonding directory as file name → content, with the newline sysfs ends each file with. */
  static Map<String, String> sysfsFiles(String scenario, String bond) {
    Map<String, String> files = new LinkedHashMap<>();
    for (String line : text(scenario, "sysfs-bonding-" + bond + ".txt").split("\n")) {
      int eq = line.indexOf('=');
      files.put(line.substring(0, eq), line.substring(eq + 1) + "\n");
    }
    return files;
  }

  /** What HostObserver would have read on the VM; route.json is {@code ip route show table all}. */
  public static HostReadings readings(String scenario) {
    Path dir = scenario(scenario);
    Map<String, String> proc = new LinkedHashMap<>();
    Map<String, Map<String, String>> sysfs = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (name.startsWith("proc-net-bonding-")) {
          proc.put(bondOf(name, "proc-net-bonding-"), text(file));
        } else if (name.startsWith("sysfs-bonding-")) {
          String bond = bondOf(name, "sysfs-bonding-");
          sysfs.put(bond, sysfsFiles(scenario, bond));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new HostReadings(
        text(scenario, "link.json"),
        text(scenario, "addr.json"),
        text(scenario, "route.json"),
        proc,
        sysfs,
        Map.of());
  }

  private static String bondOf(String fileName, String prefix) {
    return fileName.substring(prefix.length(), fileName.length() - ".txt".length());
  }
}
