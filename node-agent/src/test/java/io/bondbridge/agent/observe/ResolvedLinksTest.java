package io.bondbridge.agent.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.exec.CommandRunner;
import io.bondbridge.agent.host.LinkDns;
import io.bondbridge.agent.host.Resolved;
import io.bondbridge.agent.resolved.Resolvectl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** resolvectl's output as systemd-resolved 252 prints it (captured in the kernel VM). */
class ResolvedLinksTest {
  @TempDir Path dir;

  static String fixture(String name) {
    try {
      return Files.readString(Path.of("src/test/resources/fixtures/resolved", name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void eachInterfaceWithSettingsHasItsServersAndDomainsInResolvedsOrder() {
    assertThat(ResolvedLinks.parse(fixture("dns.txt"), fixture("domain.txt")))
        .containsExactly(
            java.util.Map.entry(
                "br0",
                new LinkDns(
                    List.of("10.0.0.53", "10.0.0.54"), List.of("example.com", "lab.example"))));
  }

  @Test
  void interfacesWithNothingAndTheGlobalSettingsAreLeftOut() {
    assertThat(ResolvedLinks.parse(fixture("dns-none.txt"), fixture("domain-none.txt"))).isEmpty();
    assertThat(ResolvedLinks.parse(fixture("dns.txt"), fixture("domain-none.txt")))
        .containsOnlyKeys("br0")
        .extractingByKey("br0")
        .isEqualTo(new LinkDns(List.of("10.0.0.53", "10.0.0.54"), List.of()));
  }

  @Test
  void noSystemBusMeansAbsentWithoutStartingAProcess() {
    List<List<String>> ran = new ArrayList<>();
    Resolved resolved =
        new Resolvectl(
                (command, stdin) -> {
                  ran.add(command);
                  return new CommandRunner.Result(0, "", "");
                },
                dir.resolve("system_bus_socket"))
            .read();

    assertThat(resolved.isRunning()).isFalse();
    assertThat(resolved.absence()).startsWith("there is no system D-Bus at " + dir);
    assertThat(ran).isEmpty();
  }

  @Test
  void resolvedNotOnTheBusIsAbsentWithResolvectlsOwnWords() throws IOException {
    Path bus = Files.createFile(dir.resolve("system_bus_socket"));
    String said =
        "Failed to get global data: The name org.freedesktop.resolve1 was not provided by any"
            + " .service files\n";
    Resolved resolved =
        new Resolvectl((command, stdin) -> new CommandRunner.Result(1, "", said), bus).read();

    assertThat(resolved.absence())
        .isEqualTo("systemd-resolved does not answer on the system bus: " + said.strip());
  }

  @Test
  void noResolvectlIsAbsentToo() throws IOException {
    Path bus = Files.createFile(dir.resolve("system_bus_socket"));
    Resolved resolved =
        new Resolvectl(
                (command, stdin) -> {
                  throw new UncheckedIOException(
                      "cannot run resolvectl", new IOException("No such file or directory"));
                },
                bus)
            .read();

    assertThat(resolved.absence())
        .startsWith("resolvectl cannot be run here (cannot run resolvectl");
  }

  @Test
  void aRunningResolvedIsReadWithTwoCommands() throws IOException {
    Path bus = Files.createFile(dir.resolve("system_bus_socket"));
    List<List<String>> ran = new ArrayList<>();
    Resolved resolved =
        new Resolvectl(
                (command, stdin) -> {
                  ran.add(command);
                  String out = command.get(1).equals("dns") ? "dns.txt" : "domain.txt";
                  return new CommandRunner.Result(0, fixture(out), "");
                },
                bus)
            .read();

    assertThat(ran).containsExactly(List.of("resolvectl", "dns"), List.of("resolvectl", "domain"));
    assertThat(resolved.isRunning()).isTrue();
    assertThat(resolved.of("br0").servers()).containsExactly("10.0.0.53", "10.0.0.54");
    assertThat(resolved.of("eth0")).isEqualTo(LinkDns.NONE);
  }
}
