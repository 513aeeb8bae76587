package io.bondbridge.helm;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Prints why a test or test class was skipped, e.g. "BondBridgeK3sIT skipped: disabledWithoutDocker
 * is true and Docker is not available" — Maven's console shows only the count. Registered in
 * META-INF/services.
 */
public final class SkipReasons implements TestExecutionListener {
  /** The fork's own stderr: Surefire files what tests print under the (skipped) test. */
  private static final PrintStream CONSOLE =
      new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);

  @Override
  public void executionSkipped(TestIdentifier test, String reason) {
    CONSOLE.println("[SKIPPED] " + test.getDisplayName() + ": " + reason);
  }

  @Override
  public void executionFinished(TestIdentifier test, TestExecutionResult result) {}
}
