package io.bondbridge.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.Command;

/**
 * Whatever -f points at, the CLI answers with one line on stderr and a documented exit code — never
 * a Java stack trace, an OutOfMemoryError or a hang — and runs no command on the host.
 */
class CliInputTest {
  private static final String VALID =
      """
      apiVersion: bondbridge.io/v1alpha1
      kind: BondBridge
      metadata: {name: uplink}
      spec:
        bond: {name: bond0, mode: active-backup, ports: [{name: eth0}, {name: eth1}]}
      """;

  @TempDir Path dir;
  private final RecordingRunner host = RecordingRunner.noHost();

  private Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private CliRun plan(Path file) {
    return CliRun.of(host, "plan", "-f", file.toString(), "--node", "node-a");
  }

  /** A usage failure: exit 2, one line naming the file and the reason, nothing run. */
  private void refused(CliRun run, Path file, String reason) {
    assertThat(run.exit()).as("%s", run).isEqualTo(2);
    assertThat(run.errLines()).as("%s", run).isEqualTo(1);
    assertThat(run.err()).startsWith("bondbridge: ").contains(file.toString(), reason);
    assertThat(run.err()).doesNotContain("\tat ", "Exception");
    assertThat(run.out()).isEmpty();
    assertThat(host.commands).isEmpty();
  }

  @Test
  void anEmptyFile() throws IOException {
    Path empty = file("empty.yaml", "");
    refused(plan(empty), empty, "is empty: it holds no BondBridge");
  }

  @Test
  void onlyCommentsAndSeparators() throws IOException {
    Path nothing = file("nothing.yaml", "# just a comment\n---\n---\n");
    refused(plan(nothing), nothing, "is empty");
  }

  @Test
  void twoDocuments() throws IOException {
    Path two = file("two.yaml", VALID + "---\n" + VALID.replace("uplink", "second"));
    refused(plan(two), two, "holds more than one YAML document: give one BondBridge per file");
  }

  @Test
  void aMissingMode() throws IOException {
    Path noMode = file("no-mode.yaml", VALID.replace("mode: active-backup, ", ""));
    refused(plan(noMode), noMode, "spec.bond: required property 'mode' not found");
  }

  @Test
  void missingPorts() throws IOException {
    Path noPorts =
        file("no-ports.yaml", VALID.replace(", ports: [{name: eth0}, {name: eth1}]", ""));
    refused(plan(noPorts), noPorts, "spec.bond: required property 'ports' not found");
  }

  @Test
  void noSpec() throws IOException {
    Path noSpec = file("no-spec.yaml", VALID.substring(0, VALID.indexOf("spec:")));
    refused(plan(noSpec), noSpec, "<root>: a BondBridge needs a spec");
  }

  @Test
  void notYaml() throws IOException {
    Path broken = file("broken.yaml", "spec: {bond: [unclosed\n  name: : :\n");
    refused(plan(broken), broken, "is not valid YAML: ");
    assertThat(plan(broken).err()).containsPattern("\\(line \\d+, column \\d+\\)");
  }

  @Test
  void aYamlScalarOrList() throws IOException {
    Path scalar = file("scalar.yaml", "just some words\n");
    refused(plan(scalar), scalar, "a YAML mapping (apiVersion, kind, metadata, spec) is needed");
    Path list = file("list.yaml", "- a\n- b\n");
    refused(plan(list), list, "a YAML mapping");
  }

  @Test
  void aDuplicateKey() throws IOException {
    Path twice =
        file(
            "twice.yaml",
            VALID.replace("metadata: {name: uplink}", "metadata: {name: a, name: b}"));
    refused(plan(twice), twice, "is not valid YAML: Duplicate field 'name'");
  }

  @Test
  void binaryBytes() throws IOException {
    Path binary = Files.write(dir.resolve("binary.yaml"), new byte[] {(byte) 0xff, (byte) 0xfe, 0});
    refused(plan(binary), binary, "is not UTF-8 text");
  }

  @Test
  void controlCharactersInTheText() throws IOException {
    Path nul = file("nul.yaml", "a: \u0000\u001b[2J\n");
    CliRun run = plan(nul);
    refused(run, nul, "is not valid YAML");
    assertThat(run.err()).doesNotContain("\u001b", "\u0000");
  }

  @Test
  void devZeroIsBoundedNotReadToTheEnd() {
    Path zero = Path.of("/dev/zero");
    refused(plan(zero), zero, "is too large: a BondBridge file is at most 1 MiB");
  }

  @Test
  void aHugeFile() throws IOException {
    Path huge = dir.resolve("huge.yaml");
    Files.writeString(huge, VALID + "# " + "x".repeat(2 * 1024 * 1024) + "\n");
    refused(plan(huge), huge, "is too large");
  }

  @Test
  void justUnderTheBoundIsRead() throws IOException {
    String padding = "# " + "x".repeat(SpecDocument.MAX_BYTES - VALID.length() - 3) + "\n";
    Path big = file("big.yaml", VALID + padding);
    assertThat(Files.size(big)).isEqualTo(SpecDocument.MAX_BYTES);

    CliRun run = plan(big);

    assertThat(run.err()).doesNotContain("too large");
    assertThat(host.commands).as("admitted, so the host is read").isNotEmpty();
  }

  @Test
  void aMissingFile() {
    Path missing = dir.resolve("missing.yaml");
    refused(plan(missing), missing, "cannot read " + missing + ": no such file");
  }

  @Test
  void aPathThroughAFile() throws IOException {
    Path through = file("plain.yaml", VALID).resolve("x.yaml");
    refused(plan(through), through, "cannot read " + through + ": Not a directory");
  }

  @Test
  void aDirectory() {
    refused(plan(dir), dir, "is a directory, not a BondBridge YAML file");
  }

  @Test
  void anotherKind() throws IOException {
    Path pod = file("pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n");
    refused(plan(pod), pod, "holds kind Pod of v1, not a BondBridge");
    Path old = file("old.yaml", VALID.replace("v1alpha1", "v1beta9"));
    refused(plan(old), old, "holds kind BondBridge of bondbridge.io/v1beta9, not a BondBridge");
  }

  @ParameterizedTest
  @ValueSource(strings = {"../../x", "/etc/x", "a;reboot", "A", "x\\u001b[2J"})
  void aNameThatIsNoKubernetesName(String name) throws IOException {
    Path bad = file("bad-name.yaml", VALID.replace("{name: uplink}", "{name: \"" + name + "\"}"));
    CliRun run = plan(bad);
    refused(run, bad, "metadata.name must be a DNS label");
    assertThat(run.err()).doesNotContain("\u001b");
  }

  @ParameterizedTest
  @ValueSource(strings = {"../../x", "/etc/x", "a;reboot", "x\\u001b[2J"})
  void aBondBridgeNodeNameThatIsNoKubernetesName(String name) throws IOException {
    Path bad =
        file(
            "bad-node-name.yaml",
            """
            apiVersion: bondbridge.io/v1alpha1
            kind: BondBridgeNode
            metadata: {name: "%s"}
            spec:
              node: node-a
              bondBridge: uplink
              bond: {name: bond0, mode: active-backup, ports: [{name: eth0}]}
            """
                .formatted(name));
    CliRun run = plan(bad);
    refused(run, bad, "metadata.name: Invalid value: ");
    assertThat(run.err()).contains("a lowercase RFC 1123 subdomain").doesNotContain("\u001b");
  }

  @Test
  void aBondBridgeNodeNamingItsBondBridgeOutsideTheStateDir() throws IOException {
    Path node =
        file(
            "node.yaml",
            """
            apiVersion: bondbridge.io/v1alpha1
            kind: BondBridgeNode
            metadata: {name: uplink.node-a}
            spec:
              node: node-a
              bondBridge: ../../etc/x
              bond: {name: bond0, mode: active-backup, ports: [{name: eth0}]}
            """);
    CliRun run =
        CliRun.of(host, "apply", "-f", node.toString(), "--state-dir", dir.resolve("s").toString());
    refused(run, node, "spec.bondBridge: Invalid value: \"../../etc/x\"");
    assertThat(dir.resolve("s")).doesNotExist();
  }

  @Test
  void aStaticSpecWithoutAnAddressForThisNodeIsRefusedForThisHost() throws IOException {
    Path other =
        file(
            "static.yaml",
            VALID
                + "  ipv4:\n    mode: static\n    addresses: {node-b: 10.0.0.2/24}\n"
                + "    gateway: 10.0.0.1\n");
    CliRun run = plan(other);
    assertThat(run.exit()).as("%s", run).isEqualTo(3);
    assertThat(run.errLines()).isEqualTo(1);
    assertThat(run.err()).contains("ipv4: no address for node node-a in addresses");
    assertThat(host.commands).isEmpty();
  }

  @Test
  void aPoolNeedsTheOperator() throws IOException {
    Path pool =
        file(
            "pool.yaml",
            VALID
                + "  ipv4:\n    mode: static\n"
                + "    pool: {cidr: 10.0.0.0/24, range: 10.0.0.100-10.0.0.199}\n");
    CliRun run = plan(pool);
    assertThat(run.exit()).as("%s", run).isEqualTo(3);
    assertThat(run.err()).contains("a pool is allocated by the operator");
  }

  @Test
  void aBadOptionIsOneLineWithExit2() {
    CliRun run = CliRun.of(host, "plan", "-f", "bond.yaml", "--bogus");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.errLines()).as("%s", run).isEqualTo(1);
    assertThat(run.err()).contains("Unknown option", "bondbridge help plan");
  }

  @Test
  void aMissingFileOptionIsOneLineWithExit2() {
    CliRun run = CliRun.of(host, "apply");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.errLines()).as("%s", run).isEqualTo(1);
    assertThat(run.err()).contains("Missing required option: '--file=FILE'");
  }

  @Test
  void anUnexpectedExceptionIsOneLineWithExit1() throws IOException {
    Path valid = file("valid.yaml", VALID);
    CliRun run =
        CliRun.of(
            (command, stdin) -> {
              throw new IllegalStateException("the host blew up\nat line two");
            },
            "plan",
            "-f",
            valid.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.errLines()).as("%s", run).isEqualTo(1);
    assertThat(run.err())
        .startsWith("bondbridge: internal error: IllegalStateException: the host blew up\\nat")
        .contains("run with --debug")
        .doesNotContain("\tat ");
  }

  @Test
  void debugPrintsTheStackTrace() throws IOException {
    Path valid = file("valid.yaml", VALID);
    CliRun run =
        CliRun.of(
            (command, stdin) -> {
              throw new IllegalStateException("boom");
            },
            "plan",
            "-f",
            valid.toString(),
            "--debug");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .startsWith("bondbridge: internal error: IllegalStateException: boom")
        .contains("\tat io.bondbridge.agent");
  }

  @Test
  void exitCodesAreListedInTheHelp() {
    CliRun help = CliRun.of(host, "--help");
    assertThat(help.exit()).isZero();
    for (String code : List.of("0", "1", "2", "3", "4", "5")) {
      assertThat(help.out()).containsPattern("(?m)^\\s+" + code + "\\s+\\S");
    }
  }

  @Test
  void theReadmesExitCodeTableListsTheCodesTheCliHas() throws IOException {
    Path readme = CliCorpusTest.repository().resolve("README.md");
    List<String> readmeCodes =
        Files.readString(readme)
            .lines()
            .dropWhile(l -> !l.equals("| exit | meaning |"))
            .skip(2)
            .takeWhile(l -> l.startsWith("| "))
            .map(l -> l.split("\\|")[1].strip())
            .toList();
    List<String> cliCodes =
        Arrays.stream(BondBridgeCli.class.getAnnotation(Command.class).exitCodeList())
            .map(e -> e.substring(0, e.indexOf(':')))
            .toList();

    assertThat(readmeCodes).isEqualTo(cliCodes).containsExactly("0", "1", "2", "3", "4", "5");
    assertThat(
            List.of(
                CliException.INTERNAL,
                CliException.USAGE,
                CliException.REFUSED,
                CliException.FAILED,
                CliException.NOT_RESTORED))
        .containsExactly(1, 2, 3, 4, 5);
  }

  @Test
  void theFileIsReadAsUtf8() throws IOException {
    Path accents =
        Files.write(
            dir.resolve("accents.yaml"),
            (VALID + "# réseau, ネットワーク\n").getBytes(StandardCharsets.UTF_8));
    CliRun run = plan(accents);
    assertThat(run.err()).doesNotContain("UTF-8");
    assertThat(host.commands).isNotEmpty();
  }
}
