package io.bondbridge.agent.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The steps on links: making bonds, bridges and VLANs, their options, ports, MTU, admin state and
 * the alias that marks them ours, and deleting them.
 */
public sealed interface LinkStep extends Step {

  private static List<String> withOptions(List<String> head, Map<String, String> options) {
    List<String> args = new ArrayList<>(head);
    options.forEach(
        (name, value) -> {
          args.add(name);
          args.add(value);
        });
    return args;
  }

  /** {@code ip link add name BOND type bond mode MODE OPTION VALUE ...}. */
  record CreateBond(String name, Map<String, String> options) implements LinkStep {
    public List<String> ipArgs() {
      return withOptions(List.of("link", "add", "name", name, "type", "bond"), options);
    }

    public List<Step> undo() {
      return List.of(new DeleteLink(name, List.of()));
    }
  }

  /** Changes options of a live bond; {@code previous} holds the values to go back to. */
  record SetBondOptions(String bond, Map<String, String> options, Map<String, String> previous)
      implements LinkStep {
    public List<String> ipArgs() {
      return withOptions(List.of("link", "set", "dev", bond, "type", "bond"), options);
    }

    public List<Step> undo() {
      return previous.isEmpty() ? List.of() : List.of(new SetBondOptions(bond, previous, options));
    }
  }

  record CreateBridge(String name, Map<String, String> options) implements LinkStep {
    public List<String> ipArgs() {
      return withOptions(List.of("link", "add", "name", name, "type", "bridge"), options);
    }

    public List<Step> undo() {
      return List.of(new DeleteLink(name, List.of()));
    }
  }

  record SetBridgeOptions(String bridge, Map<String, String> options, Map<String, String> previous)
      implements LinkStep {
    public List<String> ipArgs() {
      return withOptions(List.of("link", "set", "dev", bridge, "type", "bridge"), options);
    }

    public List<Step> undo() {
      return List.of(new SetBridgeOptions(bridge, previous, options));
    }
  }

  /** {@code ip link add link PARENT name NAME type vlan id ID}. */
  record CreateVlan(String parent, String name, int id) implements LinkStep {
    public List<String> ipArgs() {
      return List.of(
          "link", "add", "link", parent, "name", name, "type", "vlan", "id", String.valueOf(id));
    }

    public List<Step> undo() {
      return List.of(new DeleteLink(name, List.of()));
    }
  }

  /** Sets the interface alias: BondBridge's ownership mark. */
  record SetAlias(String device, String alias, String previous) implements LinkStep {
    public List<String> ipArgs() {
      return List.of("link", "set", "dev", device, "alias", alias);
    }

    public List<Step> undo() {
      return List.of(new SetAlias(device, previous == null ? "" : previous, alias));
    }
  }

  /** Enslaves {@code device} to {@code master}, or releases it when master is null. */
  record SetMaster(String device, String master, String previousMaster) implements LinkStep {
    public List<String> ipArgs() {
      return master == null
          ? List.of("link", "set", "dev", device, "nomaster")
          : List.of("link", "set", "dev", device, "master", master);
    }

    public List<Step> undo() {
      return List.of(new SetMaster(device, previousMaster, master));
    }
  }

  record SetLinkState(String device, boolean up) implements LinkStep {
    public List<String> ipArgs() {
      return List.of("link", "set", "dev", device, up ? "up" : "down");
    }

    public List<Step> undo() {
      return List.of(new SetLinkState(device, !up));
    }
  }

  record SetMtu(String device, int mtu, int previous) implements LinkStep {
    public List<String> ipArgs() {
      return List.of("link", "set", "dev", device, "mtu", String.valueOf(mtu));
    }

    public List<Step> undo() {
      return List.of(new SetMtu(device, previous, mtu));
    }
  }

  /**
   * Deletes a device. {@code recreate} is how to bring it back (create, options, alias, ports), so
   * that a failed teardown can be undone too.
   */
  record DeleteLink(String name, List<Step> recreate) implements LinkStep {
    public List<String> ipArgs() {
      return List.of("link", "del", "dev", name);
    }

    public List<Step> undo() {
      return recreate;
    }
  }
}
