package io.bondbridge.operator.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The name of a BondBridgeNode: {@code <bondbridge>.<node>} (DESIGN.md). It is collision-free
 * because a BondBridge name is a DNS label (no dot, at most 63 characters, a CRD rule): the first
 * dot always ends the BondBridge's part. A BondBridge named before that rule ({@code a.b} on node
 * {@code c} would take the name of {@code a} on node {@code b.c}) gets no children: see {@link
 * #problemWith}. A name past the API's 253 characters (long node names) is cut and ends in a hash
 * of the whole pair, so it stays stable, valid and, in practice, distinct.
 */
public final class ChildNames {
  public static final int MAX_NAME = 253;
  public static final int MAX_BONDBRIDGE_NAME = 63;
  private static final int HASH_CHARS = 16;

  private ChildNames() {}

  public static String of(String bondBridge, String node) {
    String full = bondBridge + "." + node;
    if (full.length() <= MAX_NAME) {
      return full;
    }
    String prefix = full.substring(0, MAX_NAME - HASH_CHARS - 1);
    // each dot-separated part of an object name must end in a letter or digit
    prefix = prefix.replaceAll("[.-]+$", "");
    return prefix + "-" + hash(bondBridge + "/" + node);
  }

  /**
   * Why a BondBridge of this name cannot have children, if it cannot: a dot makes its child names
   * ambiguous, and more than 63 characters do not fit the {@code bondbridge.io/bondbridge} label.
   */
  public static Optional<String> problemWith(String bondBridge) {
    if (bondBridge.contains(".")) {
      return Optional.of(
          "the name "
              + bondBridge
              + " has a dot: its BondBridgeNodes (<bondbridge>.<node>) could take the names of"
              + " another BondBridge's; recreate it under a name without dots");
    }
    if (bondBridge.length() > MAX_BONDBRIDGE_NAME) {
      return Optional.of(
          "the name is "
              + bondBridge.length()
              + " characters long: at most 63 fit the label bondbridge.io/bondbridge on its"
              + " BondBridgeNodes; recreate it under a shorter name");
    }
    return Optional.empty();
  }

  private static String hash(String s) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HASH_CHARS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
