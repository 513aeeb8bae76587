package io.bondbridge.agent.drill;

/**
 * What failing one port did (seed 001's procedure: pull it, watch the bond, plug it back).
 *
 * @param wasActive whether it was the bond's active port when the drill failed it
 * @param activeAfter the active port once it had failed (null where the mode has none)
 * @param failoverMillis from failing it to the bond reporting it down and, if it was active,
 *     another port active; null if the bond did not within the wait
 * @param lost the gateway's echo requests lost from failing it until it was put back
 * @param longestSilenceMillis the longest wait for a reply meanwhile
 * @param restoreMillis from putting it back to the bond having every port up again; null if not
 *     within the wait
 * @param restoreLost requests lost from putting it back until the bond was whole again
 */
public record PortResult(
    String port,
    boolean wasActive,
    String activeAfter,
    Long failoverMillis,
    int lost,
    long longestSilenceMillis,
    Long restoreMillis,
    int restoreLost) {

  /** Whether the bond took it out and back in as it should. */
  public boolean ok() {
    return failoverMillis != null && restoreMillis != null;
  }
}
