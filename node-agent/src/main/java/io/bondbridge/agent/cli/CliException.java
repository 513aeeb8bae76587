package io.bondbridge.agent.cli;

/** A failure with the exit code scripts rely on (see {@link BondBridgeCli}). */
public final class CliException extends RuntimeException {
  /** Not a CliException: a bug. One line on stderr; the stack trace only with --debug. */
  static final int INTERNAL = 1;

  static final int USAGE = 2;
  static final int REFUSED = 3;
  static final int FAILED = 4;
  static final int NOT_RESTORED = 5;

  private final int exitCode;

  CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
