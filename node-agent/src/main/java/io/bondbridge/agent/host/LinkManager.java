package io.bondbridge.agent.host;

/**
 * A network manager of the host that has a link in hand, as its own runtime state says: it would
 * configure the link again behind BondBridge's back (take it out of the bond, put the address back
 * on it), the classic way two tools break a node.
 *
 * <p>A manager that runs but leaves the link alone (networkd's {@code unmanaged}) is one too:
 * status says which manager was found either way.
 *
 * @param name e.g. systemd-networkd
 * @param detail where it says so, e.g. "network file /etc/systemd/network/20-eth1.network"
 * @param release what makes it leave the link alone, in the admin's words; null where it does so
 *     already
 */
public record LinkManager(String name, String detail, String release) {
  /** A manager that runs and leaves the link alone. */
  public static LinkManager leavingAlone(String name, String detail) {
    return new LinkManager(name, detail, null);
  }

  /** Whether it has the link in hand: it would configure it again behind the bond's back. */
  public boolean inHand() {
    return release != null;
  }

  /** What status says: {@code systemd-networkd: unmanaged}, or what it manages the link by. */
  public String describe() {
    return name + ": " + (inHand() ? "manages it (" + detail + ")" : detail);
  }
}
