package io.bondbridge.agent.host;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A DHCP client of the host's own (ifupdown's dhclient) serving a port. Once the port is enslaved
 * it would renew the lease and put the address back on the port, beside the bridge that has it now:
 * BondBridge pauses it (SIGSTOP) while the port is ours and lets it go on (SIGCONT) when the port
 * is given back, so the port keeps or gets its address by DHCP again, the host's own way. Pausing
 * runs none of its hooks: nothing on the host changes, not even resolv.conf.
 *
 * @param interfaces the interfaces it serves (its arguments that are not options)
 * @param paused stopped by a signal (state T in /proc/PID/stat)
 */
public record HostDhcpClient(long pid, List<String> interfaces, List<String> argv, boolean paused) {

  public boolean serves(String port) {
    return interfaces.contains(port);
  }

  /** dhclient's options that take a value: the rest of its non-option arguments are interfaces. */
  private static final Set<String> WITH_VALUE =
      Set.of(
          "-p",
          "-s",
          "-g",
          "-e",
          "-cf",
          "-df",
          "-lf",
          "-pf",
          "-sf",
          "-D",
          "-H",
          "-F",
          "-V",
          "--dad-wait-time",
          "--prefix-len-hint",
          "--decline-wait-time",
          "--address-prefix-len");

  /**
   * The client of /proc/PID as read from its cmdline (NUL-separated) and stat, if it is a dhclient
   * and not one of BondBridge's own (whose script lives in {@code ours}). Pure.
   */
  public static Optional<HostDhcpClient> parse(long pid, byte[] cmdline, String stat, String ours) {
    List<String> argv = argv(cmdline);
    if (argv.isEmpty() || !basename(argv.get(0)).equals("dhclient")) {
      return Optional.empty();
    }
    List<String> interfaces = new ArrayList<>();
    for (int i = 1; i < argv.size(); i++) {
      String arg = argv.get(i);
      if (WITH_VALUE.contains(arg)) {
        if (arg.equals("-sf") && i + 1 < argv.size() && argv.get(i + 1).startsWith(ours)) {
          return Optional.empty();
        }
        i++;
      } else if (!arg.startsWith("-")) {
        interfaces.add(arg);
      }
    }
    return Optional.of(new HostDhcpClient(pid, List.copyOf(interfaces), argv, stopped(stat)));
  }

  /** The third field of /proc/PID/stat, after the command name in parentheses. */
  static boolean stopped(String stat) {
    int close = stat.lastIndexOf(')');
    if (close < 0 || close + 2 >= stat.length()) {
      return false;
    }
    char state = stat.charAt(close + 2);
    return state == 'T' || state == 't';
  }

  private static List<String> argv(byte[] cmdline) {
    List<String> argv = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < cmdline.length; i++) {
      if (cmdline[i] == 0) {
        argv.add(new String(cmdline, start, i - start, StandardCharsets.UTF_8));
        start = i + 1;
      }
    }
    if (start < cmdline.length) {
      argv.add(new String(cmdline, start, cmdline.length - start, StandardCharsets.UTF_8));
    }
    return argv;
  }

  private static String basename(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
