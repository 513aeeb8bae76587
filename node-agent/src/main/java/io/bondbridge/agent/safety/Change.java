package io.bondbridge.agent.safety;

import io.bondbridge.agent.plan.Origins;
import io.bondbridge.agent.plan.Plan;
import java.time.Duration;
import java.util.List;

/**
 * One change to the host, as the guard runs it: the plan made for it, the probes it must not break
 * and how long it has to prove that, and what the record of inherited addresses becomes once it is
 * confirmed.
 *
 * @param origins the record to keep once the change is confirmed (an apply adds what it moved, a
 *     teardown empties it); empty deletes the record, null leaves it as it is
 */
public record Change(
    String bondBridge,
    Kind kind,
    Plan plan,
    List<Probe> probes,
    Duration timeout,
    Origins origins) {

  public enum Kind {
    /** Makes the host match a spec (first apply, spec change, drift correction). */
    APPLY,
    /** Removes what a spec made and gives the ports their addresses back. */
    TEARDOWN
  }

  public Change {
    probes = List.copyOf(probes);
  }

  /** An apply that leaves the record of inherited addresses as it is. */
  public static Change apply(String bondBridge, Plan plan, List<Probe> probes, Duration timeout) {
    return new Change(bondBridge, Kind.APPLY, plan, probes, timeout, null);
  }

  /** A teardown: once confirmed, nothing inherited is left to give back. */
  public static Change teardown(
      String bondBridge, Plan plan, List<Probe> probes, Duration timeout) {
    return new Change(bondBridge, Kind.TEARDOWN, plan, probes, timeout, Origins.none());
  }

  public Change withOrigins(Origins confirmed) {
    return new Change(bondBridge, kind, plan, probes, timeout, confirmed);
  }
}
