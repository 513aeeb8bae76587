package io.bondbridge.agent.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Rows of text cells printed as left-aligned columns, two spaces apart, like {@code ip -br}. */
final class Columns {

  private final List<List<String>> rows = new ArrayList<>();

  Columns row(String... cells) {
    rows.add(Arrays.stream(cells).map(c -> c == null ? "-" : c).toList());
    return this;
  }

  int size() {
    return rows.size();
  }

  /** The rows, each line starting with {@code indent} and ending without trailing spaces. */
  void appendTo(StringBuilder out, String indent) {
    int columns = rows.stream().mapToInt(List::size).max().orElse(0);
    int[] widths = new int[columns];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder(indent);
      for (int i = 0; i < row.size(); i++) {
        String cell = row.get(i);
        line.append(cell);
        if (i < row.size() - 1) {
          line.append(" ".repeat(widths[i] - cell.length() + 2));
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
  }
}
