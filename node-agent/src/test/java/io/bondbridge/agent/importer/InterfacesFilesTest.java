package io.bondbridge.agent.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which stanza configures addresses on an interface, for the observer's view of ifupdown. */
class InterfacesFilesTest {
  @TempDir Path dir;

  @Test
  void theFirstStanzaOfTheInterfaceWithWhereItStands() throws IOException {
    Files.writeString(dir.resolve("eth1"), "iface eth1 inet6 auto\n");
    Path file =
        Files.writeString(
            dir.resolve("interfaces"),
            """
            auto lo
            iface lo inet loopback

            auto eth0
            iface eth0 inet manual

            auto eth1
            iface eth1 inet static
                address 10.0.0.2/24
            source %s/eth1
            """
                .formatted(dir));

    var stanzas = InterfacesFiles.stanzas(file);

    // the first stanza of eth1, not the inet6 one the sourced file adds after it
    assertThat(stanzas).containsEntry("eth1", "iface eth1 inet static (" + file + ":8)");
    assertThat(stanzas).containsEntry("eth0", "iface eth0 inet manual (" + file + ":5)");
    assertThat(stanzas).as("no stanza").doesNotContainKey("eth9");
  }
}
