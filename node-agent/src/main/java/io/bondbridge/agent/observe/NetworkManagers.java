package io.bondbridge.agent.observe;

import io.bondbridge.agent.host.LinkManager;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which links the host's network managers have in hand or leave alone, from their own runtime state
 * (files that {@link HostObserver} reads under its root: no daemon asked, no process started).
 *
 * <p>systemd-networkd (Ubuntu's netplan renders to it) writes {@code
 * /run/systemd/netif/links/<ifindex>}: {@code ADMIN_STATE=unmanaged} for a link no .network file
 * matches, another state (configuring, configured, failed, linger) and the {@code NETWORK_FILE} for
 * one it manages. NetworkManager's runtime state is not read yet: its daemon could not be run in
 * the test VM to see what it writes.
 */
final class NetworkManagers {
  static final String NETWORKD = "systemd-networkd";

  /** networkd's state of the link with ifindex N is this directory's file N. */
  static final String NETWORKD_LINKS = "run/systemd/netif/links";

  private NetworkManagers() {}

  /** networkd's state file of one link: managed unless its admin state says unmanaged (pure). */
  static Optional<LinkManager> networkd(String stateFile) {
    Map<String, String> state = new LinkedHashMap<>();
    for (String line : stateFile.split("\n")) {
      int eq = line.indexOf('=');
      if (!line.startsWith("#") && eq > 0) {
        state.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
      }
    }
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
