package io.bondbridge.agent.importer;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What ifupdown's configuration says of the interfaces, for the host observer: their stanzas. Read
 * with the importer's own reading of the file (its {@code source} and {@code source-directory}
 * too), never written.
 */
public final class InterfacesFiles {
  private InterfacesFiles() {}

  /**
   * Each interface's first stanza, as {@code iface eth0 inet static (/etc/network/interfaces:5)},
   * by interface name.
   *
   * @throws IllegalArgumentException or {@link java.io.UncheckedIOException} where the file cannot
   *     be read
   */
  public static Map<String, String> stanzas(Path file) {
    Map<String, String> byName = new LinkedHashMap<>();
    for (Stanzas.Stanza s : Stanzas.read(file)) {
      byName.putIfAbsent(
          s.name(),
          "iface " + s.name() + " " + s.family() + " " + s.method() + " (" + s.where() + ")");
    }
    return byName;
  }
}
