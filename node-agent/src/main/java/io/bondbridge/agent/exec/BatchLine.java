package io.bondbridge.agent.exec;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One command as a line of {@code ip -batch}. iproute2 splits a line on blanks, takes a word in
 * {@code "..."} or {@code '...'} as it is, cuts the line at the first {@code #} and joins it with
 * the next when it ends in a backslash. An argument with a {@code #}, a line break or both quotes
 * cannot survive that: such a command has no line (it runs as a process of its own). Pure.
 */
final class BatchLine {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._:/@%+=,-]+");

  private BatchLine() {}

  static Optional<String> of(List<String> args) {
    StringBuilder line = new StringBuilder();
    for (String arg : args) {
      String word = word(arg);
      if (word == null) {
        return Optional.empty();
      }
      line.append(line.isEmpty() ? "" : " ").append(word);
    }
    return line.isEmpty() ? Optional.empty() : Optional.of(line.toString());
  }

  private static String word(String arg) {
    if (PLAIN.matcher(arg).matches()) {
      return arg;
    }
    if (arg.indexOf('#') >= 0
        || arg.indexOf('\n') >= 0
        || arg.indexOf('\r') >= 0
        || arg.indexOf('\0') >= 0) {
      return null;
    }
    if (arg.indexOf('"') < 0) {
      return '"' + arg + '"';
    }
    return arg.indexOf('\'') < 0 ? "'" + arg + "'" : null;
  }
}
