package io.bondbridge.agent.kernel;

import io.bondbridge.agent.cli.SpecFile;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's examples/, resolved for the lab node as the CLI would. */
final class Examples {
  static final String NODE = "squeeze";

  static BondBridgeNodeSpec load(String file) {
    return SpecFile.read(examples().resolve(file), NODE);
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
