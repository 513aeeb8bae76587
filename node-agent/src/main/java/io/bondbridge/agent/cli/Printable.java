package io.bondbridge.agent.cli;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Text from a spec file or the host, made safe to print on a terminal: a name may hold {@code ;},
 * spaces, quotes or escape bytes (the kernel allows all but whitespace and '/' in a link name), and
 * printed raw it could run when pasted into a shell, or rewrite the admin's screen.
 */
final class Printable {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private Printable() {}

  /** A command as a shell would read it back: each word quoted where it needs to be. */
  static String command(List<String> words) {
    return words.stream().map(Printable::word).collect(Collectors.joining(" "));
  }

  /** One word for a POSIX shell: plain, 'single-quoted', or $'ANSI-C quoted' with escapes. */
  static String word(String word) {
    if (PLAIN.matcher(word).matches()) {
      return word;
    }
    if (word.codePoints().noneMatch(Printable::isControl)) {
      return "'" + word.replace("'", "'\\''") + "'";
    }
    StringBuilder quoted = new StringBuilder("$'");
    word.codePoints()
        .forEach(
            c -> {
              if (c == '\'' || c == '\\') {
                quoted.append('\\').appendCodePoint(c);
              } else if (isControl(c)) {
                quoted.append(escape(c));
              } else {
                quoted.appendCodePoint(c);
              }
            });
    return quoted.append('\'').toString();
  }

  /** A message on one line, with control characters (newlines, escape bytes) shown escaped. */
  static String line(Object message) {
    String text = String.valueOf(message);
    StringBuilder printable = new StringBuilder(text.length());
    text.codePoints()
        .forEach(c -> printable.append(isControl(c) ? escape(c) : Character.toString(c)));
    return printable.toString();
  }

  /** C0 and C1 controls, DEL, and invisible format characters (bidi overrides, zero widths). */
  private static boolean isControl(int c) {
    int type = Character.getType(c);
    return type == Character.CONTROL
        || type == Character.FORMAT
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR
        || type == Character.SURROGATE;
  }

  private static String escape(int c) {
    return switch (c) {
      case '\n' -> "\\n";
      case '\r' -> "\\r";
      case '\t' -> "\\t";
      default ->
          c < 0x80
              ? String.format("\\x%02x", c)
              : c <= 0xFFFF ? String.format("\\u%04x", c) : String.format("\\U%08x", c);
    };
  }
}
