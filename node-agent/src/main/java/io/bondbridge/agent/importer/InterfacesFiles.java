package io.bondbridge.agent.importer;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What ifupdown's configuration says of one interface, for the host observer: its stanza, if any.
 * Read with the importer's own reading of the file (its {@code source} and {@code source-directory}
 * too), never written.
 */
public final class InterfacesFiles {
  private InterfacesFiles() {}

  /**
   * The first stanza for {@code iface}, as {@code iface eth0 inet static
   * (/etc/network/interfaces:5)}; empty where there is none.
   *
   * @throws IllegalArgumentException or {@link java.io.UncheckedIOException} where the file cannot
   *     be read
   */
  public static Optional<String> stanza(Path file, String iface) {
    return Stanzas.read(file).stream()
        .filter(s -> s.name().equals(iface))
        .findFirst()
        .map(
            s ->
                "iface " + s.name() + " " + s.family() + " " + s.method() + " (" + s.where() + ")");
  }
}
