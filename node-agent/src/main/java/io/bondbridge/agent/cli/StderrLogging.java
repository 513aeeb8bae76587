package io.bondbridge.agent.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The agent's and the CLI's logging, set up in code (found by logback through {@code
 * META-INF/services}): every log line to stderr, since the CLI's stdout is for results, at the
 * level {@code BONDBRIDGE_LOG_LEVEL} names (WARN by default).
 *
 * <p>Why not a logback.xml: reading one loads logback's Joran and the JDK's XML parser, about 500
 * classes that a long-running agent then keeps in memory for nothing (docs/benchmarks.md, "A lean
 * agent"). An XML file still wins where one is asked for: {@code -Dlogback.configurationFile}, or a
 * {@code logback-test.xml} on a test classpath.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class StderrLogging extends ContextAwareBase implements Configurator {

  /** The environment variable with the root level (TRACE, DEBUG, INFO, WARN, ERROR, OFF). */
  public static final String LEVEL_VARIABLE = "BONDBRIDGE_LOG_LEVEL";

  static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null
        || StderrLogging.class.getClassLoader().getResource("logback-test.xml") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(level(System.getenv(LEVEL_VARIABLE)));
    root.addAppender(stderr);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** The level a variable's value names; WARN when it is unset or names none. */
  static Level level(String value) {
    return Level.toLevel(value == null ? null : value.strip(), Level.WARN);
  }
}
