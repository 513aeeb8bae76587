package io.bondbridge.agent.importer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code iface} stanzas of an ifupdown {@code /etc/network/interfaces}, with what it pulls in
 * by {@code source} (globs) and {@code source-directory} (the files whose names ifupdown accepts),
 * in ifupdown's order. Lines ending in a backslash go on, {@code #} starts a comment. Reading only.
 */
final class Stanzas {
  /** One option line of a stanza, where it stands. */
  record Option(String key, String value, String where) {}

  /** {@code iface NAME FAMILY METHOD} and its options. */
  record Stanza(String name, String family, String method, List<Option> options, String where) {
    String value(String... keys) {
      for (Option o : options) {
        for (String key : keys) {
          if (o.key().equals(key)) {
            return o.value();
          }
        }
      }
      return null;
    }
  }

  // run-parts' rule, which source-directory follows: letters, digits, '_' and '-' only
  private static final Pattern PART = Pattern.compile("[A-Za-z0-9_-]+");

  private Stanzas() {}

  static List<Stanza> read(Path file) {
    List<Stanza> stanzas = new ArrayList<>();
    read(file, stanzas, 0);
    return stanzas;
  }

  private static void read(Path file, List<Stanza> stanzas, int depth) {
    if (depth > 8) {
      throw new IllegalArgumentException(file + ": source nested more than 8 deep");
    }
    List<String> lines = ConfigFiles.lines(file);
    Stanza current = null;
    StringBuilder logical = new StringBuilder();
    int startLine = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (logical.isEmpty()) {
        startLine = i + 1;
      }
      if (line.endsWith("\\")) {
        logical.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      logical.append(line);
      String text = logical.toString().strip();
      logical.setLength(0);
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      String[] words = text.split("\\s+", 2);
      String rest = words.length > 1 ? words[1].strip() : "";
      String where = file + ":" + startLine;
      switch (words[0]) {
        case "iface" -> {
          String[] head = rest.split("\\s+");
          current =
              new Stanza(
                  head[0],
                  head.length > 1 ? head[1] : "inet",
                  head.length > 2 ? head[2] : "manual",
                  new ArrayList<>(),
                  where);
          stanzas.add(current);
        }
        case "auto", "allow-hotplug", "mapping", "no-auto-down", "no-scripts" -> current = null;
        case "source" -> {
          current = null;
          for (Path p : glob(file, rest)) {
            read(p, stanzas, depth + 1);
          }
        }
        case "source-directory" -> {
          current = null;
          for (Path p : directory(file, rest)) {
            read(p, stanzas, depth + 1);
          }
        }
        default -> {
          if (current != null) {
            current.options().add(new Option(words[0], rest, where));
          }
        }
      }
    }
  }

  private static Path resolve(Path from, String path) {
    Path p = Path.of(path);
    return p.isAbsolute() ? p : from.toAbsolutePath().getParent().resolve(p);
  }

  private static List<Path> glob(Path from, String pattern) {
    Path full = resolve(from, pattern);
    Path dir = full.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      return List.of();
    }
    return ConfigFiles.in(dir, full.getFileName().toString(), n -> true);
  }

  private static List<Path> directory(Path from, String path) {
    Path dir = resolve(from, path);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    return ConfigFiles.in(dir, "*", n -> PART.matcher(n).matches());
  }
}
