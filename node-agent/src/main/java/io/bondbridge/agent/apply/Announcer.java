package io.bondbridge.agent.apply;

import io.bondbridge.agent.exec.CommandRunner;
import io.bondbridge.agent.plan.AddressStep;
import io.bondbridge.agent.plan.Step;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the link's neighbours where an IPv4 address now lives, with gratuitous ARP ({@code arping
 * -U}), each time the agent puts one on a device: the address move to the bridge, its move back on
 * teardown, a rollback. Without it a neighbour keeps the MAC it cached, and for tens of seconds
 * sends the node's traffic where nobody takes it: to a NIC whose MAC the bond replaced, or (ARP
 * flux: Linux answers ARP for any of its addresses on every NIC of a link) to a NIC that answered
 * for the address before it was enslaved. A gratuitous ARP overrides any cached entry at once.
 * NetworkManager announces the addresses it configures the same way.
 *
 * <p>Announcing runs beside the change, not in it: it is three packets a second apart (the first
 * may go out before a slow port, e.g. LACP, passes traffic), the change does not wait for them (a
 * process that exits after the change waits in {@link #close}), and an announcement that fails (no
 * {@code arping} on the host) is logged, never a failed step. IPv6 has no such need for ARP flux
 * (Linux answers neighbour solicitations only on the interface that holds the address) and no
 * unsolicited-NA tool in Debian's ndisc6; a neighbour with the old MAC finds the new one by its own
 * unreachability detection.
 */
public final class Announcer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Announcer.class);

  /** How many announcements, a second apart (RFC 5227 sends two; one more for slow ports). */
  static final int COUNT = 3;

  /** What arping says when the host changed again while it announced (not a failure to report). */
  private static final List<String> MOVED_ON =
      List.of(
          "Network is down", "Cannot assign requested address", "No such device", "not available");

  private final CommandRunner runner;
  private final ExecutorService executor;
  private final AtomicBoolean missingReported = new AtomicBoolean();
  private final Map<String, Future<?>> inFlight = new ConcurrentHashMap<>();

  Announcer(CommandRunner runner, ExecutorService executor) {
    this.runner = runner;
    this.executor = executor;
  }

  /** Announces through {@code runner}'s {@code arping}, each announcement at once, beside. */
  public static Announcer arping(CommandRunner runner) {
    return new Announcer(
        runner,
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "arp-announce");
              t.setDaemon(true);
              return t;
            }));
  }

  /** The command that announces {@code ip} on {@code device}. */
  static List<String> command(String device, String ip) {
    return List.of("arping", "-q", "-U", "-c", String.valueOf(COUNT), "-I", device, ip);
  }

  /**
   * Announces each IPv4 address that {@code ran} (steps that ran, in order) left on a device: once
   * the whole change is done, so the device is up by then (a teardown brings a port up after it
   * gives it its address back) and an address the same change took off again is not announced.
   */
  synchronized void announce(List<Step> ran) {
    Map<String, String> deviceOf = new LinkedHashMap<>();
    for (Step step : ran) {
      if (step instanceof AddressStep.AddAddress add && isIpv4(add.cidr())) {
        deviceOf.put(ip(add.cidr()), add.device());
      } else if (step instanceof AddressStep.DelAddress del && isIpv4(del.cidr())) {
        deviceOf.remove(ip(del.cidr()), del.device());
      }
    }
    deviceOf.forEach(
        (ip, device) -> {
          // a newer announcement of the address (a rollback putting it back) stops the older one
          Future<?> older = inFlight.put(ip, executor.submit(() -> announce(device, ip)));
          if (older != null) {
            older.cancel(true);
          }
        });
  }

  private static boolean isIpv4(String cidr) {
    return !cidr.contains(":");
  }

  private static String ip(String cidr) {
    int slash = cidr.indexOf('/');
    return slash < 0 ? cidr : cidr.substring(0, slash);
  }

  private void announce(String device, String ip) {
    List<String> command = command(device, ip);
    try {
      CommandRunner.Result result = runner.run(command);
      String error = result.stderr().strip();
      if (result.ok()) {
        LOG.debug("announced {} on {}", ip, device);
      } else if (MOVED_ON.stream().anyMatch(error::contains)) {
        // the next change came first: the device went down or away, the address moved on
        LOG.debug("stopped announcing {} on {}: {}", ip, device, error);
      } else {
        LOG.warn("could not announce {} on {}: {}", ip, device, error);
      }
    } catch (RuntimeException e) {
      if (Thread.interrupted()) {
        LOG.debug("stopped announcing {} on {}: a newer announcement took over", ip, device);
      } else if (missingReported.compareAndSet(false, true)) {
        // arping missing: the change still holds; neighbours just learn the move more slowly
        LOG.warn(
            "cannot announce moved addresses (neighbours learn them late): {}", e.getMessage());
      }
    }
  }

  /**
   * Lets the announcements under way finish (a few seconds at most), then stops: for a process that
   * exits right after its change, like the CLI, which would otherwise cut them short.
   */
  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(COUNT + 2, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
