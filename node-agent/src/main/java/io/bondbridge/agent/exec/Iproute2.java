package io.bondbridge.agent.exec;

/** Where iproute2's programs are: {@code bridge} comes in the same package as {@code ip}. */
public final class Iproute2 {
  private Iproute2() {}

  /**
   * The {@code bridge} program next to this {@code ip}: {@code /usr/sbin/bridge} for {@code
   * /usr/sbin/ip}, plain {@code bridge} (from the PATH) for plain {@code ip}.
   */
  public static String bridgeBeside(String ip) {
    int slash = ip.lastIndexOf('/');
    return slash < 0 ? "bridge" : ip.substring(0, slash + 1) + "bridge";
  }
}
