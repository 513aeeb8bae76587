package io.bondbridge.agent.cluster;

import io.bondbridge.agent.host.BondState;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.api.v1alpha1.BondBridgeNode;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatus;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatus.Failover;

/**
 * What the agent knows of one BondBridgeNode: one immutable value, replaced on every change (on the
 * worker thread only). Its status, written or waiting to be, is the {@link StatusWriter}'s.
 *
 * @param object the object as last seen by the watch
 * @param appliedGeneration the generation last tried on the host (whatever came of it); -1: none
 * @param lastBond the bond as last reported: the baseline of the next link changes
 * @param lastHost the last full observation (a quick look is merged over it)
 */
record ChildState(
    String name,
    BondBridgeNode object,
    long appliedGeneration,
    Stage stage,
    BondState lastBond,
    HostState lastHost,
    Failover lastFailover) {

  /** Where the child stands on the host. */
  enum Stage {
    /** Its current generation has not been tried here yet. */
    NEW,
    /** On the host; a link event that shows the host left it puts it back. */
    APPLIED,
    /**
     * Put back after drift; the next retry round looks again, so drift that does not hold (another
     * tool fighting over the device) waits for the backoff instead of the pace of link events.
     */
    CORRECTED,
    /** Putting it back after drift failed; the next retry round tries again. */
    CORRECTION_FAILED,
    /**
     * Off the host after drift, and putting it back was refused (a foreign device took our name):
     * not retried on a timer, since only the host can change that; the next link event looks again.
     */
    CORRECTION_REFUSED,
    /**
     * This generation is not on the host (refused, failed, rolled back): a new spec tries again.
     */
    NOT_APPLIED,
    /** Being deleted: torn down (or orphaned), then its finalizer is removed. */
    RELEASING
  }

  static ChildState first(String name, BondBridgeNode object) {
    BondBridgeNodeStatus known = object.getStatus();
    Failover failover = known == null ? null : known.lastFailover();
    return new ChildState(name, object, -1, Stage.NEW, null, null, failover);
  }

  /** The spec is on the host: link changes are reported. */
  boolean onHost() {
    return stage == Stage.APPLIED || stage == Stage.CORRECTED;
  }

  /** What was applied here is kept there: link events are checked for drift. */
  boolean watchedForDrift() {
    return onHost() || stage == Stage.CORRECTION_FAILED || stage == Stage.CORRECTION_REFUSED;
  }

  /** A drift correction waits for the next retry round. */
  boolean recheckDue() {
    return stage == Stage.CORRECTED || stage == Stage.CORRECTION_FAILED;
  }

  long generation() {
    Long g = object.getMetadata().getGeneration();
    return g == null ? 1 : g;
  }

  /** The object is there with a spec, not being deleted, and its generation is the one applied. */
  boolean current() {
    return object != null
        && object.getSpec() != null
        && !object.isMarkedForDeletion()
        && appliedGeneration == generation();
  }

  ChildState withObject(BondBridgeNode o) {
    return new ChildState(name, o, appliedGeneration, stage, lastBond, lastHost, lastFailover);
  }

  ChildState withStage(Stage s) {
    return new ChildState(name, object, appliedGeneration, s, lastBond, lastHost, lastFailover);
  }

  ChildState tried(long generation) {
    return new ChildState(name, object, generation, stage, lastBond, lastHost, lastFailover);
  }

  ChildState withBond(BondState bond) {
    return new ChildState(name, object, appliedGeneration, stage, bond, lastHost, lastFailover);
  }

  ChildState withHost(HostState host) {
    return new ChildState(name, object, appliedGeneration, stage, lastBond, host, lastFailover);
  }

  ChildState withFailover(Failover f) {
    return new ChildState(name, object, appliedGeneration, stage, lastBond, lastHost, f);
  }
}
