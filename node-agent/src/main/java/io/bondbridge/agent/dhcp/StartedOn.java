package io.bondbridge.agent.dhcp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The interface each client started on, by the kernel's index, recorded beside its pid file ({@link
 * LeaseFiles#ifindex}): a client serves the interface it started on, and one that was deleted and
 * made again (a bridge deleted by hand, then put back) has a new index.
 */
final class StartedOn {
  private static final Logger LOG = LoggerFactory.getLogger(StartedOn.class);

  /** The kernel's index of an interface of that name, or empty where there is none. */
  @FunctionalInterface
  interface Interfaces {
    OptionalLong ifindex(String device);

    /** The running kernel's, from sysfs. */
    Interfaces SYSFS =
        device -> {
          try {
            return OptionalLong.of(
                Long.parseLong(
                    Files.readString(Path.of("/sys/class/net", device, "ifindex")).strip()));
          } catch (IOException | NumberFormatException | InvalidPathException e) {
            return OptionalLong.empty();
          }
        };
  }

  private final LeaseFiles files;
  private final Interfaces interfaces;

  StartedOn(LeaseFiles files, Interfaces interfaces) {
    this.files = files;
    this.interfaces = interfaces;
  }

  /** Records the index of the interface a client starts on now (none: no record). */
  void record(String device) {
    Path file = files.ifindex(device);
    try {
      OptionalLong index = interfaces.ifindex(device);
      if (index.isPresent()) {
        Files.writeString(file, index.getAsLong() + "\n");
      } else {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      LOG.debug("cannot record the index of {}: {}", device, e.getMessage());
    }
  }

  /**
   * Whether the interface the client on {@code device} started on is gone: the index it recorded is
   * not the index of the interface of that name now. A client whose start recorded none (an earlier
   * version's) is taken as serving the interface there is.
   */
  boolean gone(String device) {
    Path recorded = files.ifindex(device);
    if (!Files.exists(recorded)) {
      return false;
    }
    try {
      long then = Long.parseLong(Files.readString(recorded).strip());
      return interfaces.ifindex(device).stream().noneMatch(now -> now == then);
    } catch (IOException | NumberFormatException e) {
      return false;
    }
  }
}
