package io.bondbridge.agent.cluster;

/** Where the agent hears of link changes: the kernel on a node, the test itself in the API tier. */
public interface LinkEvents extends AutoCloseable {

  /** Starts delivering: {@code onEvent} runs (on the source's own thread) for each change. */
  void start(Runnable onEvent);

  /** True while events can arrive (a dead monitor that is being restarted counts as alive). */
  default boolean alive() {
    return true;
  }

  @Override
  void close();
}
