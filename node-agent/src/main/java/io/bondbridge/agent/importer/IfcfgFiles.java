package io.bondbridge.agent.importer;

import io.bondbridge.agent.importer.Stanzas.Option;
import io.bondbridge.agent.importer.Stanzas.Stanza;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RHEL's {@code ifcfg-*} files (initscripts' network-scripts), one stanza a file: its {@code
 * DEVICE} (else the name after {@code ifcfg-}), {@code BOOTPROTO} as the method, every {@code
 * KEY=VALUE} as an option, where it stands. Values are unquoted as the shell would ({@code "..."},
 * {@code '...'}), never expanded: nothing is run. Reading only.
 */
final class IfcfgFiles {
  private static final Pattern ASSIGNMENT =
      Pattern.compile("(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)");
  // initscripts skips these (ifup's "ignore backups" rule), and the loopback is no uplink
  private static final Pattern SKIPPED =
      Pattern.compile("ifcfg-lo|.*(~|\\.bak|\\.orig|\\.rpmnew|\\.rpmorig|\\.rpmsave)");

  private IfcfgFiles() {}

  /** The {@code ifcfg-*} files of a directory, or these files, in name order. */
  static List<Stanza> read(List<Path> paths) {
    List<Path> files = ConfigFiles.expand(paths, "ifcfg-*", IfcfgFiles::taken);
    return files.stream().map(IfcfgFiles::stanza).toList();
  }

  /** The ifcfg-* files of a directory that initscripts reads. */
  static List<Path> inDirectory(Path dir) {
    return ConfigFiles.in(dir, "ifcfg-*", IfcfgFiles::taken);
  }

  private static boolean taken(String name) {
    return !SKIPPED.matcher(name).matches();
  }

  /** Whether a file reads as shell assignments rather than ifupdown stanzas. */
  static boolean looksLikeIfcfg(Path file) {
    if (file.getFileName().toString().startsWith("ifcfg-")) {
      return true;
    }
    for (String line : ConfigFiles.lines(file)) {
      String text = line.strip();
      if (!text.isEmpty() && !text.startsWith("#")) {
        return ASSIGNMENT.matcher(text).matches();
      }
    }
    return false;
  }

  private static Stanza stanza(Path file) {
    List<String> lines = ConfigFiles.lines(file);
    List<Option> options = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String text = lines.get(i).strip();
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      Matcher m = ASSIGNMENT.matcher(text);
      if (!m.matches()) {
        throw new IllegalArgumentException(
            file + ":" + (i + 1) + ": not a KEY=VALUE line: " + text);
      }
      options.add(new Option(m.group(1), unquote(m.group(2)), file + ":" + (i + 1)));
    }
    String fileName = file.getFileName().toString();
    String name =
        options.stream()
            .filter(o -> o.key().equals("DEVICE"))
            .map(Option::value)
            .findFirst()
            .orElse(fileName.startsWith("ifcfg-") ? fileName.substring(6) : fileName);
    String method =
        options.stream()
            .filter(o -> o.key().equals("BOOTPROTO"))
            .map(o -> o.value().toLowerCase(Locale.ROOT))
            .findFirst()
            .orElse("none");
    return new Stanza(name, "ifcfg", method, options, file + ":1");
  }

  /** One shell word: quoted parts joined, a trailing comment dropped; no expansion. */
  static String unquote(String raw) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < raw.length()) {
      char c = raw.charAt(i);
      if (c == '"' || c == '\'') {
        int end = raw.indexOf(c, i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated quote in " + raw);
        }
        out.append(raw, i + 1, end);
        i = end + 1;
      } else if (Character.isWhitespace(c)) {
        break; // the rest is a comment, or a second word the shell would run as a command
      } else if (c == '\\' && i + 1 < raw.length()) {
        out.append(raw.charAt(i + 1));
        i += 2;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }
}
