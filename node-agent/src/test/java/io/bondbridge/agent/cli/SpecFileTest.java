package io.bondbridge.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI plans what the cluster would hold: the spec it hands on carries the schema defaults. */
class SpecFileTest {
  @TempDir Path dir;

  @Test
  void theSchemasDefaultsAreInTheSpecPlanned() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("bond.yaml"),
            """
            apiVersion: bondbridge.io/v1alpha1
            kind: BondBridge
            metadata: {name: uplink}
            spec:
              bond: {name: bond0, mode: active-backup, ports: [{name: eth0}]}
              bridge: {name: br0}
              probes: {gateway: false}
            """);

    BondBridgeNodeSpec spec = SpecFile.read(file, "node-a");

    assertThat(spec.bondBridge()).isEqualTo("uplink");
    assertThat(spec.node()).isEqualTo("node-a");
    assertThat(spec.probes().gateway()).as("given").isFalse();
    assertThat(spec.probes().timeoutSeconds()).as("schema default").isEqualTo(60);
    assertThat(spec.probes().apiServer()).as("schema default").isTrue();
    assertThat(spec.bridge().forwardDelay()).as("schema default").isEqualTo(15);
    assertThat(spec.bridge().stp()).as("schema default").isFalse();
  }
}
