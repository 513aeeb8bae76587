package io.bondbridge.agent.cli;

import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every spec-taking command shares. */
final class SpecOptions {
  @Option(
      names = {"-f", "--file"},
      required = true,
      paramLabel = "FILE",
      description = "A BondBridge (or BondBridgeNode) YAML, e.g. examples/bond.yaml.")
  Path file;

  @Mixin NodeOption node;

  BondBridgeNodeSpec spec() {
    return SpecFile.read(file, node.name());
  }
}
