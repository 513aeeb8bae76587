package io.bondbridge.api.v1alpha1;

/** What happens on a node when its BondBridge (or the node's selection) goes away. */
public enum CleanupPolicy {
  /** Tear down the devices BondBridge created and give the ports back their addresses. */
  Restore,
  /** Leave the host as it is: the bond keeps running, no longer managed. */
  Orphan
}
