package io.bondbridge.agent.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BatchLineTest {
  @Test
  void plainArgumentsAreJoinedWithBlanks() {
    assertThat(BatchLine.of(List.of("route", "add", "default", "via", "10.0.0.1", "dev", "br0")))
        .contains("route add default via 10.0.0.1 dev br0");
  }

  @Test
  void anArgumentWithBlanksOrQuotesIsQuotedSoIprouteKeepsItOneWord() {
    assertThat(BatchLine.of(List.of("link", "set", "dev", "br0", "alias", "bondbridge: a b")))
        .contains("link set dev br0 alias \"bondbridge: a b\"");
    assertThat(BatchLine.of(List.of("alias", "say \"hi\""))).contains("alias 'say \"hi\"'");
    assertThat(BatchLine.of(List.of("alias", ""))).contains("alias \"\"");
    assertThat(BatchLine.of(List.of("alias", "ends\\"))).contains("alias \"ends\\\"");
  }

  @Test
  void anArgumentIprouteWouldCutOrSplitHasNoLine() {
    assertThat(BatchLine.of(List.of("alias", "a#b"))).isEmpty();
    assertThat(BatchLine.of(List.of("alias", "two\nlines"))).isEmpty();
    assertThat(BatchLine.of(List.of("alias", "both ' and \""))).isEmpty();
    assertThat(BatchLine.of(List.of())).isEmpty();
  }
}
