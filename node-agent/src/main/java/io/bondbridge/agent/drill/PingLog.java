package io.bondbridge.agent.drill;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The replies of one {@code ping -D} run, from its output lines: each reply's sequence number and
 * the time it came. A stretch of time is judged by the replies around it: the echo requests missing
 * between two replies are the ones lost, the gap between them the silence. Pure (lines in, figures
 * out); thread-safe, as the reader thread adds while the drill asks.
 */
final class PingLog {
  // [1733130000.123456] 64 bytes from 10.0.0.1: icmp_seq=17 ttl=64 time=0.345 ms
  private static final Pattern REPLY =
      Pattern.compile("^\\[(\\d+)\\.(\\d+)] \\d+ bytes from .*icmp_seq=(\\d+)");

  private record Reply(int seq, long millis) {}

  /** What the pings say of a stretch of time: requests lost, and the longest wait for a reply. */
  record Loss(int lost, long longestSilenceMillis) {}

  private final List<Reply> replies = new ArrayList<>();

  /** Takes one line of ping's output; lines that are not replies are left out. */
  synchronized void add(String line) {
    Matcher m = REPLY.matcher(line);
    if (m.find()) {
      String fraction = (m.group(2) + "000").substring(0, 3);
      long millis = Long.parseLong(m.group(1)) * 1000 + Long.parseLong(fraction);
      replies.add(new Reply(Integer.parseInt(m.group(3)), millis));
    }
  }

  synchronized int replies() {
    return replies.size();
  }

  /** When the last reply came (epoch milliseconds), 0 before the first. */
  synchronized long lastReplyMillis() {
    return replies.isEmpty() ? 0 : replies.get(replies.size() - 1).millis();
  }

  /**
   * From {@code fromMillis} to {@code toMillis}: the requests missing between the last reply before
   * it and the first reply after it, and between the replies within; the longest gap between those
   * replies. With no reply after the stretch, everything since the last reply before it counts.
   */
  synchronized Loss between(long fromMillis, long toMillis) {
    Reply previous = null;
    int lost = 0;
    long longest = 0;
    for (Reply reply : replies) {
      if (reply.millis() < fromMillis) {
        previous = reply;
        continue;
      }
      if (previous != null) {
        lost += Math.max(0, reply.seq() - previous.seq() - 1);
        longest = Math.max(longest, reply.millis() - Math.max(previous.millis(), fromMillis));
      }
      previous = reply;
      if (reply.millis() > toMillis) {
        return new Loss(lost, longest);
      }
    }
    long open = previous == null ? 0 : toMillis - Math.max(previous.millis(), fromMillis);
    return new Loss(lost, Math.max(longest, open));
  }
}
