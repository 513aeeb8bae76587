package io.bondbridge.operator.model;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * An IPv4 or IPv6 address with its prefix length, e.g. 192.168.1.100/24 or fd00:1::5/64, as a
 * number: what {@link AddressAllocator} counts, compares and hands out. Pure text work, no java.net
 * (which would resolve names). IPv6 text is written the short way (RFC 5952: lower case, the
 * longest run of zero groups as ::).
 */
record IpAddress(boolean v6, BigInteger value, int prefix) {
  private static final BigInteger MASK16 = BigInteger.valueOf(0xFFFF);

  static IpAddress parse(String cidr) {
    String text = cidr.trim();
    int slash = text.indexOf('/');
    String ip = slash < 0 ? text : text.substring(0, slash);
    boolean v6 = ip.contains(":");
    BigInteger value = v6 ? parseIpv6(ip) : BigInteger.valueOf(parseIpv4(ip));
    int prefix = slash < 0 ? bits(v6) : Integer.parseInt(text.substring(slash + 1));
    if (prefix < 0 || prefix > bits(v6)) {
      throw new IllegalArgumentException("not a prefix length: " + cidr);
    }
    return new IpAddress(v6, value, prefix);
  }

  static int bits(boolean v6) {
    return v6 ? 128 : 32;
  }

  /** The number of addresses in this address's subnet. */
  BigInteger blockSize() {
    return BigInteger.ONE.shiftLeft(bits(v6) - prefix);
  }

  /** The subnet's own address (host bits zero). */
  BigInteger network() {
    return value.subtract(value.mod(blockSize()));
  }

  /** The address alone, with the prefix length of the whole address space. */
  IpAddress host() {
    return new IpAddress(v6, value, bits(v6));
  }

  IpAddress withValue(BigInteger newValue) {
    return new IpAddress(v6, newValue, prefix);
  }

  /** The address without its prefix length. */
  String ip() {
    return v6 ? formatIpv6(value) : formatIpv4(value.longValue());
  }

  String cidr() {
    return ip() + "/" + prefix;
  }

  private static long parseIpv4(String dotted) {
    String[] parts = dotted.split("\\.", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("not an IPv4 address: " + dotted);
    }
    long ip = 0;
    for (String part : parts) {
      int octet = Integer.parseInt(part);
      if (octet < 0 || octet > 255) {
        throw new IllegalArgumentException("not an IPv4 address: " + dotted);
      }
      ip = (ip << 8) | octet;
    }
    return ip;
  }

  private static String formatIpv4(long ip) {
    return ((ip >> 24) & 255)
        + "."
        + ((ip >> 16) & 255)
        + "."
        + ((ip >> 8) & 255)
        + "."
        + (ip & 255);
  }

  private static BigInteger parseIpv6(String text) {
    String[] halves = text.split("::", -1);
    if (halves.length > 2) {
      throw new IllegalArgumentException("not an IPv6 address: " + text);
    }
    List<String> head = groups(halves[0]);
    List<String> tail = halves.length == 2 ? groups(halves[1]) : List.of();
    int zeros = 8 - head.size() - tail.size();
    if (halves.length == 2 ? zeros < 1 : zeros != 0) {
      throw new IllegalArgumentException("not an IPv6 address: " + text);
    }
    List<String> all = new ArrayList<>(head);
    for (int i = 0; i < zeros; i++) {
      all.add("0");
    }
    all.addAll(tail);
    BigInteger value = BigInteger.ZERO;
    for (String group : all) {
      int g = Integer.parseInt(group, 16);
      if (group.length() > 4 || g < 0) {
        throw new IllegalArgumentException("not an IPv6 address: " + text);
      }
      value = value.shiftLeft(16).or(BigInteger.valueOf(g));
    }
    return value;
  }

  private static List<String> groups(String part) {
    return part.isEmpty() ? List.of() : List.of(part.split(":", -1));
  }

  private static String formatIpv6(BigInteger value) {
    int[] groups = new int[8];
    for (int i = 7; i >= 0; i--) {
      groups[i] = value.shiftRight(16 * (7 - i)).and(MASK16).intValue();
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        text.append("::");
        i += bestLength - 1;
        continue;
      }
      if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
        text.append(':');
      }
      text.append(Integer.toHexString(groups[i]));
    }
    return text.toString();
  }
}
