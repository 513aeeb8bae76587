package io.bondbridge.agent.host;

/**
 * A network manager of the host that has a link in hand, as its own runtime state says: it would
 * configure the link again behind BondBridge's back (take it out of the bond, put the address back
 * on it), the classic way two tools break a node.
 *
 * @param name e.g. systemd-networkd
 * @param detail where it says so, e.g. "network file /etc/systemd/network/20-eth1.network"
 * @param release what makes it leave the link alone, in the admin's words
 */
public record LinkManager(String name, String detail, String release) {}
