package io.bondbridge.agent.safety;

import io.bondbridge.agent.apply.Applier;
import java.time.Duration;
import java.util.List;

/**
 * How a guarded change ended.
 *
 * @param notRequired probes that failed already before the change, so were not required after it
 * @param failedProbe the required probe that did not pass again in time (ROLLED_BACK)
 * @param restored the steps run to restore the host (FAILED or ROLLED_BACK)
 * @param restoreErrors steps of the restore that failed; empty when the host is as before
 */
public record Verdict(
    Kind kind,
    Applier.Result applyResult,
    List<String> requiredProbes,
    List<String> notRequired,
    String failedProbe,
    List<String> restored,
    List<String> restoreErrors,
    Duration applyTime,
    Duration probeTime) {

  public enum Kind {
    /** Applied and every required probe passed again. */
    APPLIED,
    /** A step failed; the steps done were undone. */
    FAILED,
    /** Applied, but a probe that passed before failed after: the host was restored. */
    ROLLED_BACK,
    /** A checkpoint left by an earlier run was confirmed: its probes pass. */
    CONFIRMED
  }

  public boolean hostRestored() {
    return restoreErrors.isEmpty();
  }
}
