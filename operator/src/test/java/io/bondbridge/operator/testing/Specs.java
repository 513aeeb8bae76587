package io.bondbridge.operator.testing;

import io.bondbridge.api.v1alpha1.Bond;
import io.bondbridge.api.v1alpha1.BondBridge;
import io.bondbridge.api.v1alpha1.BondBridgeSpec;
import io.bondbridge.api.v1alpha1.BondBridgeSpecBuilder;
import io.bondbridge.api.v1alpha1.BondMode;
import io.bondbridge.api.v1alpha1.Bridge;
import io.bondbridge.api.v1alpha1.CleanupPolicy;
import io.bondbridge.api.v1alpha1.Ipv4;
import io.bondbridge.api.v1alpha1.PortSelector;
import io.bondbridge.api.v1alpha1.Rollout;
import io.bondbridge.api.v1alpha1.Vlan;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Small builders for test BondBridges: an active-backup bond0 over eth0+eth1 unless changed. */
public final class Specs {
  private Specs() {}

  public static LabelSelector labelled(String key, String value) {
    return new LabelSelectorBuilder().withMatchLabels(Map.of(key, value)).build();
  }

  public static Bond bond(String name, String... ports) {
    return new Bond(
        name,
        BondMode.ACTIVE_BACKUP,
        Arrays.stream(ports).map(PortSelector::byName).toList(),
        null,
        null,
        null);
  }

  public static BondBridgeSpec spec(LabelSelector selector, Object maxUnavailable) {
    IntOrString rollout =
        maxUnavailable instanceof Integer i
            ? new IntOrString(i)
            : new IntOrString((String) maxUnavailable);
    return new BondBridgeSpecBuilder()
        .withNodeSelector(selector)
        .withBond(bond("bond0", "eth0", "eth1"))
        .withBridge(Bridge.named("br0"))
        .withRollout(new Rollout(rollout))
        .withCleanup(CleanupPolicy.Restore)
        .build();
  }

  public static BondBridgeSpec withBond(BondBridgeSpec s, Bond bond) {
    return new BondBridgeSpecBuilder(s).withBond(bond).build();
  }

  public static BondBridgeSpec withBridge(BondBridgeSpec s, Bridge bridge) {
    return new BondBridgeSpecBuilder(s).withBridge(bridge).build();
  }

  public static BondBridgeSpec withIpv4(BondBridgeSpec s, Ipv4 ipv4) {
    return new BondBridgeSpecBuilder(s).withIpv4(ipv4).build();
  }

  public static BondBridgeSpec withVlans(BondBridgeSpec s, List<Vlan> vlans) {
    return new BondBridgeSpecBuilder(s).withVlans(vlans).build();
  }

  public static BondBridgeSpec withSelector(BondBridgeSpec s, LabelSelector selector) {
    return new BondBridgeSpecBuilder(s).withNodeSelector(selector).build();
  }

  public static BondBridgeSpec withCleanup(BondBridgeSpec s, CleanupPolicy cleanup) {
    return new BondBridgeSpecBuilder(s).withCleanup(cleanup).build();
  }

  public static Ipv4 pool(String cidr, String range, Map<String, String> addresses) {
    return new Ipv4(
        io.bondbridge.api.v1alpha1.Ipv4Mode.STATIC,
        addresses,
        new Ipv4.AddressPool(cidr, range),
        null,
        null,
        null);
  }

  public static BondBridge bondBridge(String name, BondBridgeSpec spec) {
    return new BondBridge(name, spec);
  }
}
