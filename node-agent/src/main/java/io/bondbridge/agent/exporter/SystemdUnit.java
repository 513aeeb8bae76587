package io.bondbridge.agent.exporter;

import java.util.ArrayList;
import java.util.List;

/**
 * An INI file of systemd's (systemd.syntax(7)): sections in the order made, a key given as often as
 * it is ({@code Address=} twice).
 */
final class SystemdUnit {
  private final List<Section> sections = new ArrayList<>();

  /** The section of that name, made at the end where there is none yet. */
  Section section(String name) {
    for (Section s : sections) {
      if (s.name.equals(name)) {
        return s;
      }
    }
    return newSection(name);
  }

  /** A new section of that name at the end, for one that is given once a thing ([Route]). */
  Section newSection(String name) {
    Section s = new Section(this, name);
    sections.add(s);
    return s;
  }

  String text() {
    StringBuilder text = new StringBuilder();
    for (Section s : sections) {
      text.append(text.isEmpty() ? "" : "\n").append('[').append(s.name).append("]\n");
      s.lines.forEach(l -> text.append(l).append('\n'));
    }
    return text.toString();
  }

  static final class Section {
    private final SystemdUnit unit;
    private final String name;
    private final List<String> lines = new ArrayList<>();

    private Section(SystemdUnit unit, String name) {
      this.unit = unit;
      this.name = name;
    }

    Section key(String key, Object value) {
      lines.add(key + "=" + value);
      return this;
    }

    SystemdUnit unit() {
      return unit;
    }
  }
}
