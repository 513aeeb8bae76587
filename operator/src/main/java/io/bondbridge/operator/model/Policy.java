package io.bondbridge.operator.model;

import io.bondbridge.api.v1alpha1.BondBridgeSpec;
import java.time.Instant;
import java.util.Comparator;

/** A BondBridge as conflict resolution sees it: name, age and what it asks for. */
public record Policy(String name, Instant created, BondBridgeSpec spec) {

  /** Older first (creationTimestamp, then name): the older one keeps a contested node. */
  public static final Comparator<Policy> OLDEST_FIRST =
      Comparator.comparing(Policy::created, Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(Policy::name);
}
