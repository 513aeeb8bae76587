package io.bondbridge.agent.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.Engine;
import io.bondbridge.agent.exec.CommandRunner;
import io.bondbridge.agent.host.LinkManager;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.testkit.HostSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Debian's real ifupdown brought the node's address up on eth0 from an {@code inet static} stanza,
 * as on the seed documents' hosts. BondBridge refuses the port, naming the stanza and what to
 * change: {@code systemctl restart networking} would take the port out of the bond and put the
 * address back on it. With the stanza {@code manual}, the bond is made; a cable pull and plug and a
 * restart of networking (what networking.service runs: {@code ifdown -a --exclude=lo}, then {@code
 * ifup -a}) leave it whole, with the address on the bridge alone and no link event after; delete
 * gives the host back, ifupdown's own record of eth0 as it was. The interfaces file and
 * /run/network are the VM's (its throw-away overlay) and put back after.
 */
class IfupdownKernelIT {
  private static final Path INTERFACES = Path.of("/etc/network/interfaces");
  private static final Path STATE = Path.of("/run/network");
  private static final String STATIC =
      """
      auto lo
      iface lo inet loopback

      auto eth0
      iface eth0 inet static
          address 10.0.0.2/24
          gateway 10.0.0.1
      """;

  private KernelLab lab;
  private String interfacesBefore;

  @BeforeEach
  void lab() throws IOException {
    lab = KernelLab.withNics(2);
    interfacesBefore = Files.exists(INTERFACES) ? Files.readString(INTERFACES) : null;
    clearState();
    Files.writeString(INTERFACES, STATIC);
    // what the lab put on eth0 by hand is ifupdown's to put there, as networking.service at boot
    lab.nodeAddressOff();
    ok(List.of("ifup", "-a"));
    lab.waitFor(Duration.ofSeconds(20), lab::peerReachesNode, "the peer to reach eth0");
  }

  @AfterEach
  void clean() throws IOException {
    try {
      clearState();
      if (interfacesBefore == null) {
        Files.deleteIfExists(INTERFACES);
      } else {
        Files.writeString(INTERFACES, interfacesBefore);
      }
    } finally {
      lab.close();
    }
  }

  private static void clearState() throws IOException {
    Files.createDirectories(STATE);
    try (var files = Files.list(STATE)) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
    }
  }

  private String ok(List<String> command) {
    CommandRunner.Result result = lab.runner.run(command);
    assertThat(result.ok()).as("%s: %s %s", command, result.stdout(), result.stderr()).isTrue();
    return result.stdout();
  }

  private Optional<String> found(String nic) {
    return lab.host().managerFound(nic).map(LinkManager::describe);
  }

  @Test
  void aPortIfupdownBroughtUpIsRefusedUntilHandedOverAndTheBondSurvivesARestartOfNetworking()
      throws Exception {
    String stanza = "iface eth0 inet static (" + INTERFACES + ":5)";
    assertThat(found("eth0")).contains("ifupdown: manages it (" + stanza + ")");
    assertThat(found("eth1")).as("not brought up by ifupdown").isEmpty();
    HostSnapshot managed = lab.snapshot();
    Engine engine = lab.engine();
    BondBridgeNodeSpec spec = Examples.load("bond.yaml");

    assertThat(HandedOver.refusedUntouched(lab, engine, spec))
        .singleElement()
        .asString()
        .startsWith("eth0 is managed by ifupdown (" + stanza + "), which would configure it again")
        .contains("remove that stanza and its auto or allow-hotplug line, then run ifdown eth0");

    // handed over as the refusal says; ifupdown reads the file at each ifup and ifdown
    Files.writeString(INTERFACES, "auto lo\niface lo inet loopback\n");
    assertThat(found("eth0")).contains("ifupdown: brought up, no stanza left");
    ok(List.of("ifdown", "eth0"));
    assertThat(found("eth0")).as("forgotten by ifupdown").isEmpty();
    assertThat(lab.snapshot()).as("ifdown only forgot it").isEqualTo(managed);
    HostSnapshot handedOver = lab.snapshot();
    String ifstate = Files.readString(STATE.resolve("ifstate"));

    HandedOver.survivesAPullAndARestart(
        lab,
        engine,
        spec,
        handedOver,
        () -> {
          // systemctl restart networking, as Debian 12's networking.service runs it
          ok(List.of("ifdown", "-a", "--exclude=lo"));
          ok(List.of("ifup", "-a"));
        },
        () -> {});
    assertThat(Files.readString(STATE.resolve("ifstate"))).isEqualTo(ifstate);
    assertThat(found("eth0")).isEmpty();
  }
}
