package io.bondbridge.agent.cluster;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The BondBridgeNodes this agent serves, by name. Worker thread only. */
final class Children {
  private final Map<String, ChildState> byName = new HashMap<>();
  // uids let go of: the watch may still show them with our finalizer for a moment
  private final Map<String, String> released = new HashMap<>();

  Optional<ChildState> get(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  void put(ChildState child) {
    byName.put(child.name(), child);
  }

  void remove(String name) {
    byName.remove(name);
  }

  /** A snapshot: callers replace children while they go through them. */
  List<ChildState> all() {
    return List.copyOf(byName.values());
  }

  void released(String name, String uid) {
    released.put(name, uid);
  }

  boolean wasReleased(String name, String uid) {
    return uid != null && uid.equals(released.get(name));
  }

  void gone(String name) {
    byName.remove(name);
    released.remove(name);
  }
}
