package io.bondbridge.operator.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The name of a BondBridgeNode: {@code <bondbridge>.<node>}, which is a valid object name as long
 * as it fits the API's 253 characters. Longer ones are cut and end in a short hash of the full
 * pair, so the name stays stable and distinct.
 */
public final class ChildNames {
  public static final int MAX_NAME = 253;
  private static final int HASH_CHARS = 10;

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
