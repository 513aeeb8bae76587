package io.bondbridge.agent.importer;

import io.bondbridge.agent.importer.Stanzas.Option;
import io.bondbridge.agent.importer.Stanzas.Stanza;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * NetworkManager's keyfiles ({@code /etc/NetworkManager/system-connections/*.nmconnection}), one
 * stanza a connection profile: its {@code interface-name} (else its {@code id}), its {@code type}
 * as the family ({@code 802-3-ethernet} read as {@code ethernet}), {@code ipv4.method} as the
 * method, every {@code key=value} as an option named {@code section.key}, where it stands. Reading
 * only.
 */
final class KeyfileFiles {
  private KeyfileFiles() {}

  static List<Stanza> read(List<Path> paths) {
    List<Path> files = ConfigFiles.expand(paths, "*.nmconnection", n -> true);
    return files.stream().map(KeyfileFiles::stanza).toList();
  }

  /** Whether a file reads as a keyfile: named *.nmconnection, or opening with [connection]. */
  static boolean looksLikeKeyfile(Path file) {
    if (file.getFileName().toString().endsWith(".nmconnection")) {
      return true;
    }
    for (String line : ConfigFiles.lines(file)) {
      String text = line.strip();
      if (!text.isEmpty() && !text.startsWith("#")) {
        return text.equals("[connection]");
      }
    }
    return false;
  }

  static List<Path> inDirectory(Path dir) {
    return ConfigFiles.in(dir, "*.nmconnection", n -> true);
  }

  private static Stanza stanza(Path file) {
    List<String> lines = ConfigFiles.lines(file);
    List<Option> options = new ArrayList<>();
    String section = null;
    for (int i = 0; i < lines.size(); i++) {
      String text = lines.get(i).strip();
      String where = file + ":" + (i + 1);
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      if (text.startsWith("[") && text.endsWith("]")) {
        section = text.substring(1, text.length() - 1).strip();
        continue;
      }
      int eq = text.indexOf('=');
      if (section == null || eq < 1) {
        throw new IllegalArgumentException(where + ": not a [section] or key=value line: " + text);
      }
      options.add(
          new Option(section + "." + text.substring(0, eq).strip(), text.substring(eq + 1), where));
    }
    Stanza partial = new Stanza("", "", "", options, file + ":1");
    String type = String.valueOf(partial.value("connection.type")).toLowerCase(Locale.ROOT);
    String name = partial.value("connection.interface-name");
    if (name == null || name.isBlank()) {
      name = String.valueOf(partial.value("connection.id"));
    }
    String method = partial.value("ipv4.method");
    return new Stanza(
        name,
        type.equals("802-3-ethernet") ? "ethernet" : type,
        method == null ? "auto" : method.strip(),
        options,
        file + ":1");
  }
}
