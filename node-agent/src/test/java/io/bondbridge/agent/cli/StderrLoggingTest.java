package io.bondbridge.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The logging set up in code: its level, its stderr lines, and an XML file winning when asked. */
class StderrLoggingTest {

  @Test
  void theLevelIsTheVariablesAndWarnWhenItNamesNone() {
    assertThat(StderrLogging.level("DEBUG")).isEqualTo(Level.DEBUG);
    assertThat(StderrLogging.level(" info ")).isEqualTo(Level.INFO);
    assertThat(StderrLogging.level("off")).isEqualTo(Level.OFF);
    assertThat(StderrLogging.level(null)).isEqualTo(Level.WARN);
    assertThat(StderrLogging.level("")).isEqualTo(Level.WARN);
    assertThat(StderrLogging.level("loud")).isEqualTo(Level.WARN);
  }

  @Test
  void linesAtTheLevelGoToStderrInThePattern() {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter()); // what logback's own start-up gives a context
    StderrLogging logging = new StderrLogging();
    logging.setContext(context);
    Level level = StderrLogging.level(System.getenv(StderrLogging.LEVEL_VARIABLE));
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      assertThat(logging.configure(context)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
      Logger log = context.getLogger("io.bondbridge.agent.Example");
      log.error("the bond is gone");
      log.trace("below every level but TRACE");
      assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(level);
    } finally {
      System.setErr(err);
      context.stop();
    }
    String lines = captured.toString(StandardCharsets.UTF_8);
    assertThat(lines)
        .matches(
            "\\d\\d:\\d\\d:\\d\\d\\.\\d{3} ERROR i\\.b\\.agent\\.Example - the bond is gone\\R(?s).*");
    assertThat(lines.contains("below every level")).isEqualTo(level == Level.TRACE);
  }

  @Test
  void aConfigurationFileAskedForWins() {
    LoggerContext context = new LoggerContext();
    StderrLogging logging = new StderrLogging();
    logging.setContext(context);
    String before = System.getProperty("logback.configurationFile");
    try {
      System.setProperty("logback.configurationFile", "/etc/bondbridge/logback.xml");
      assertThat(logging.configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
      assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext())
          .isFalse();
    } finally {
      if (before == null) System.clearProperty("logback.configurationFile");
      else System.setProperty("logback.configurationFile", before);
    }
  }
}
