package io.bondbridge.api.v1alpha1;

/**
 * A part of an object (its spec or its status) that could not be read into these types, e.g. a
 * number past 32 bits from an older, looser CRD (Helm never upgrades CRDs). The part reads as null;
 * this says where and why, for the object's status, an Event and the log.
 *
 * @param path the JSON path of the value, e.g. {@code spec.rollout.maxUnavailable}
 * @param value the value found there, shortened
 * @param problem why it cannot be read
 */
public record ReadError(String path, String value, String problem) {
  public String describe() {
    return path + ": " + value + " cannot be read (" + problem + ")";
  }
}
