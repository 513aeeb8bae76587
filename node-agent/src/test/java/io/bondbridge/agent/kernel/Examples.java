package io.bondbridge.agent.kernel;

import io.bondbridge.agent.cli.SpecFile;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's examples/, resolved for the lab node as the CLI would. */
final class Examples {
  static final String NODE = "squeeze";

  static BondBridgeNodeSpec load(String file) {
    return SpecFile.read(examples().resolve(file), NODE);
  }

  /**
   * An example written for the seeds' network 192.168.188.0/24 (gateway .1, node .88), moved onto
   * the lab's 10.0.0.0/24: same host parts, so the lab's gateway 10.0.0.1 answers.
   */
  static BondBridgeNodeSpec loadInLab(String file) {
    try {
      return fromYaml(
          Files.readString(examples().resolve(file)).replace("192.168.188.", "10.0.0."));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A BondBridge YAML written by a test, read the way the CLI reads a file. */
  static BondBridgeNodeSpec fromYaml(String yaml) {
    return SpecFile.read(write(yaml), NODE);
  }

  /** Writes YAML to a temporary file (the VM's tmpfs) and returns its path. */
  static Path write(String yaml) {
    try {
      Path file = Files.createTempFile("bondbridge-", ".yaml");
      Files.writeString(file, yaml);
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Seed 001's example moved into the lab: the node address 10.0.0.2, the gateway 10.0.0.1. */
  static Path seed001InTheLab() {
    try {
      return write(
          Files.readString(examples().resolve("seed-001-active-backup.yaml"))
              .replace("192.168.188.88", "10.0.0.2")
              .replace("192.168.188.", "10.0.0."));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path examples() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("examples"))) {
        return dir.resolve("examples");
      }
    }
    throw new IllegalStateException("no examples/ above " + Path.of("").toAbsolutePath());
  }

  private Examples() {}
}
