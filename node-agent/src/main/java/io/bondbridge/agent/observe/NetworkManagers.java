package io.bondbridge.agent.observe;

import io.bondbridge.agent.host.LinkManager;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which links the host's network managers have in hand or leave alone, from their own runtime state
 * (files that {@link HostObserver} reads under its root: no daemon asked, no process started).
 *
 * <p>systemd-networkd (Ubuntu's netplan renders to it) writes {@code
 * /run/systemd/netif/links/<ifindex>}: {@code ADMIN_STATE=unmanaged} for a link no .network file
 * matches, another state (configuring, configured, failed, linger) and the {@code NETWORK_FILE} for
 * one it manages.
 *
 * <p>NetworkManager writes {@code /run/NetworkManager/devices/<ifindex>} (a keyfile; seen from
 * Debian's NetworkManager 1.42 in the kernel VM, {@code NetworkManagerKernelIT}): {@code
 * managed=true} for a device it manages, with the {@code connection-uuid} of the profile active on
 * it, if any; {@code managed=false} once the admin runs {@code nmcli device set X managed no} or
 * its configuration leaves the device alone. The file outlives a restart of NetworkManager (that is
 * what it is for), and stays where NetworkManager was stopped: a stale {@code managed=true} is
 * taken at its word, the safe side.
 */
final class NetworkManagers {
  static final String NETWORKD = "systemd-networkd";

  /** networkd's state of the link with ifindex N is this directory's file N. */
  static final String NETWORKD_LINKS = "run/systemd/netif/links";

  static final String NETWORK_MANAGER = "NetworkManager";

  /** NetworkManager's state of the device with ifindex N is this directory's file N. */
  static final String NM_DEVICES = "run/NetworkManager/devices";

  static final String IFUPDOWN = "ifupdown";

  /** ifupdown's record that it brought interface X up: this directory's file ifstate.X. */
  static final String IFUPDOWN_STATE = "run/network";

  /** ifupdown's configuration, whose stanza for the interface says what an ifup would do. */
  static final String INTERFACES = "etc/network/interfaces";

  private NetworkManagers() {}

  /**
   * ifupdown's hold on a link (pure): none unless its state file says it brought the link up; in
   * hand while a stanza for it is in its configuration, whatever the method (seen in the kernel VM
   * with Debian's ifupdown 0.8 and ifenslave: every {@code ifdown} of it, as {@code systemctl
   * restart networking} runs, takes the link down and, through ifenslave's post-down hook, out of
   * any bond; an {@code inet static} one's next {@code ifup} puts the address back on the port);
   * left alone once no stanza names it (ifdown then only forgets it). The stanzas are asked for
   * only for a link ifupdown brought up.
   */
  static Optional<LinkManager> ifupdown(
      String link, String ifstate, Supplier<Optional<String>> stanza) {
    if (ifstate == null || ifstate.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(
        stanza
            .get()
            .map(
                found ->
                    new LinkManager(
                        IFUPDOWN,
                        found,
                        "remove that stanza and its auto or allow-hotplug line, then run ifdown "
                            + link
                            + ": with no stanza left, ifdown only forgets it and leaves its"
                            + " address (with one, even manual, every ifdown takes it down and out"
                            + " of the bond); BondBridge's record, or bondbridge boot, configures it"
                            + " at boot instead"))
            .orElseGet(() -> LinkManager.leavingAlone(IFUPDOWN, "brought up, no stanza left")));
  }

  /**
   * NetworkManager's state file of one device (pure): in hand when it says {@code managed=true},
   * left alone otherwise: {@code managed=false}, or no {@code managed} key, which is what it writes
   * for a device its configuration ({@code unmanaged-devices}) leaves alone. Not known without a
   * {@code [device]} section.
   */
  static Optional<LinkManager> networkManager(String link, String stateFile) {
    if (stateFile.lines().noneMatch(l -> l.strip().equals("[device]"))) {
      return Optional.empty();
    }
    Map<String, String> state = keys(stateFile, "[device]");
    if (!"true".equals(state.get("managed"))) {
      return Optional.of(LinkManager.leavingAlone(NETWORK_MANAGER, "unmanaged"));
    }
    String profile = state.get("connection-uuid");
    return Optional.of(
        new LinkManager(
            NETWORK_MANAGER,
            profile == null ? "no profile active on it yet" : "profile " + profile,
            "run nmcli device set "
                + link
                + " managed no (until the next boot; for good, add unmanaged-devices=interface-name:"
                + link
                + " under [keyfile] in a file in /etc/NetworkManager/conf.d and run nmcli general"
                + " reload conf)"));
  }

  /**
   * Of two managers found for one link, the one that has it in hand: a stopped networkd's or
   * NetworkManager's files may still be there beside the running one's (pure).
   */
  static Optional<LinkManager> first(Optional<LinkManager> one, Optional<LinkManager> other) {
    if (one.isEmpty() || (other.isPresent() && other.get().inHand() && !one.get().inHand())) {
      return other;
    }
    return one;
  }

  /** The key=value lines of a keyfile's section (pure); the whole file when section is null. */
  private static Map<String, String> keys(String file, String section) {
    Map<String, String> keys = new LinkedHashMap<>();
    boolean in = section == null;
    for (String raw : file.split("\n")) {
      String line = raw.strip();
      if (line.startsWith("[")) {
        in = section == null || line.equals(section);
        continue;
      }
      int eq = line.indexOf('=');
      if (in && !line.startsWith("#") && eq > 0) {
        keys.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
      }
    }
    return keys;
  }

  /** networkd's state file of one link: managed unless its admin state says unmanaged (pure). */
  static Optional<LinkManager> networkd(String stateFile) {
    Map<String, String> state = keys(stateFile, null);
    String admin = state.get("ADMIN_STATE");
    // pending and initialized: udev is not done with it, or networkd has not picked it up (yet)
    if (admin == null || admin.equals("pending") || admin.equals("initialized")) {
      return Optional.empty();
    }
    if (admin.equals("unmanaged")) {
      return Optional.of(LinkManager.leavingAlone(NETWORKD, "unmanaged"));
    }
    String file = state.get("NETWORK_FILE");
    return Optional.of(
        new LinkManager(
            NETWORKD,
            file == null ? "admin state " + admin : "network file " + file,
            "set Unmanaged=yes in the [Link] section of "
                + (file == null ? "the .network file that matches it" : file)
                + " (or match it in no .network file) and run networkctl reload"));
  }
}
