package io.bondbridge.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Shell quoting and escaping of what the CLI prints; the quoting is checked with a real bash. */
class PrintableTest {

  @Test
  void plainWordsStayAsTheyAre() {
    assertThat(Printable.command(List.of("ip", "link", "set", "dev", "bond0.10", "mtu", "9000")))
        .isEqualTo("ip link set dev bond0.10 mtu 9000");
    assertThat(Printable.word("10.0.0.2/24")).isEqualTo("10.0.0.2/24");
    assertThat(Printable.word("bondbridge:vm-uplink")).isEqualTo("bondbridge:vm-uplink");
  }

  @Test
  void wordsAShellWouldSplitOrRunAreQuoted() {
    assertThat(Printable.word("a;reboot")).isEqualTo("'a;reboot'");
    assertThat(Printable.word("a b")).isEqualTo("'a b'");
    assertThat(Printable.word("$(id)")).isEqualTo("'$(id)'");
    assertThat(Printable.word("it's")).isEqualTo("'it'\\''s'");
    assertThat(Printable.word("")).isEqualTo("''");
  }

  @Test
  void controlCharactersAreEscapedNeverRaw() {
    assertThat(Printable.word("a\nb")).isEqualTo("$'a\\nb'");
    assertThat(Printable.word("eth\u001b[2J")).isEqualTo("$'eth\\x1b[2J'");
    assertThat(Printable.word("x'\\\u0007")).isEqualTo("$'x\\'\\\\\\x07'");
    assertThat(Printable.word("a\u202eb")).isEqualTo("$'a\\u202eb'");
  }

  @Test
  void aMessageStaysOnOneLine() {
    assertThat(Printable.line("two\nlines\r\tand \u001b[31mred\u0085"))
        .isEqualTo("two\\nlines\\r\\tand \\x1b[31mred\\u0085");
    assertThat(Printable.line("réseau ネットワーク")).isEqualTo("réseau ネットワーク");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "eth0",
        "a;reboot",
        "a b",
        "it's",
        "$(id)`id`",
        "a\nb",
        "eth\u001b[2J",
        "x'\\\u0007\"",
        "a\u202eb",
        "réseau",
        ""
      })
  void bashReadsTheQuotedWordBackAsItWas(String word) throws IOException, InterruptedException {
    Process bash =
        new ProcessBuilder("bash", "-c", "printf %s " + Printable.word(word))
            .redirectErrorStream(true)
            .start();
    String echoed = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(bash.waitFor()).isZero();
    assertThat(echoed).isEqualTo(word);
  }
}
