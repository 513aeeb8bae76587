package io.bondbridge.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the kernel's bonding driver shows in sysfs and /proc, read as files: no process. */
final class BondingFiles {
  private BondingFiles() {}

  /**
   * A bond option as the kernel reports it, e.g. "active-backup 1" (read as a file: no process).
   */
  static String option(String bond, String option) {
    return read(Path.of("/sys/class/net", bond, "bonding", option)).strip();
  }

  /** A port's bonding state, e.g. mii_status, link_failure_count, state. */
  static String portState(String port, String file) {
    return read(Path.of("/sys/class/net", port, "bonding_slave", file)).strip();
  }

  static String proc(String bond) {
    return read(Path.of("/proc/net/bonding", bond));
  }

  /**
   * /proc/net/bonding/BOND's "Currently Active Slave", or null. Read in-process: a {@code cat}
   * costs a process start (0.1 s and more under emulation), which would blur the timings.
   */
  static String activePort(String bond) {
    String text;
    try {
      text = Files.readString(Path.of("/proc/net/bonding", bond));
    } catch (IOException e) {
      return null;
    }
    for (String line : text.split("\n")) {
      if (line.startsWith("Currently Active Slave: ")) {
        String port = line.substring("Currently Active Slave: ".length()).strip();
        return "None".equals(port) ? null : port;
      }
    }
    return null;
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
