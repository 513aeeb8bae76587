package io.bondbridge.agent.cli;

import io.bondbridge.api.v1alpha1.BondBridge;
import io.bondbridge.api.v1alpha1.BondBridgeNode;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.BondBridgeSpec;
import io.bondbridge.api.v1alpha1.Ipv4;
import io.bondbridge.api.v1alpha1.Ipv4Mode;
import io.bondbridge.api.v1alpha1.NodeIpv4;
import io.bondbridge.api.v1alpha1.NodeVlan;
import io.bondbridge.api.v1alpha1.Vlan;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code bond.yaml} for the one-host CLI and resolves it for this host, the way the
 * operator does for a node: per-node addresses from the {@code addresses} map. A pool needs the
 * operator (it allocates across nodes), so on one host it is refused with a reason.
 */
public final class SpecFile {
  private SpecFile() {}

  public static BondBridgeNodeSpec read(Path file, String node) {
    String yaml;
    try {
      yaml = Files.readString(file);
    } catch (IOException e) {
      throw new CliException(CliException.USAGE, "cannot read " + file + ": " + e.getMessage());
    }
    String kind;
    try {
      kind = Serialization.unmarshal(yaml, GenericKubernetesResource.class).getKind();
    } catch (RuntimeException e) {
      throw new CliException(CliException.USAGE, file + " is not valid YAML: " + e.getMessage());
    }
    try {
      if ("BondBridgeNode".equals(kind)) {
        BondBridgeNode bbn = Serialization.unmarshal(yaml, BondBridgeNode.class);
        if (bbn.getSpec() != null) {
          return bbn.getSpec();
        }
      } else if ("BondBridge".equals(kind)) {
        BondBridge bb = Serialization.unmarshal(yaml, BondBridge.class);
        if (bb.getSpec() != null && bb.getSpec().bond() != null) {
          return resolve(bb.getMetadata().getName(), bb.getSpec(), node);
        }
      }
    } catch (RuntimeException e) {
      throw new CliException(
          CliException.USAGE, file + " does not fit the BondBridge API: " + rootMessage(e));
    }
    throw new CliException(
        CliException.USAGE,
        file
            + " holds no BondBridge (apiVersion bondbridge.io/v1alpha1, kind BondBridge, a spec"
            + " with a bond)");
  }

  private static String rootMessage(Throwable e) {
    while (e.getCause() != null) {
      e = e.getCause();
    }
    return e.getMessage();
  }

  public static BondBridgeNodeSpec resolve(String name, BondBridgeSpec spec, String node) {
    List<NodeVlan> vlans = new ArrayList<>();
    for (Vlan vlan : spec.vlansOrEmpty()) {
      vlans.add(
          new NodeVlan(
              vlan.id(),
              vlan.interfaceName(spec.bond().name()),
              vlan.mtu(),
              vlan.bridge(),
              vlan.ipv4() == null ? null : ipv4(vlan.ipv4(), node, "vlans[" + vlan.id() + "]")));
    }
    return new BondBridgeNodeSpec(
        node,
        name,
        null,
        spec.bond(),
        vlans.isEmpty() ? null : vlans,
        spec.bridge(),
        ipv4(spec.ipv4OrDefault(), node, "ipv4"),
        spec.probesOrDefault(),
        spec.cleanupOrDefault());
  }

  private static NodeIpv4 ipv4(Ipv4 ipv4, String node, String where) {
    if (ipv4.mode() != Ipv4Mode.STATIC) {
      return new NodeIpv4(ipv4.mode(), null, null, null, null);
    }
    String address = ipv4.addresses() == null ? null : ipv4.addresses().get(node);
    if (address == null) {
      throw new CliException(
          CliException.REFUSED,
          where
              + ": no address for node "
              + node
              + " in addresses"
              + (ipv4.pool() != null
                  ? " (a pool is allocated by the operator, not on one host)"
                  : "")
              + "; add '"
              + node
              + ": <address>/<prefix>' or pass --node");
    }
    return new NodeIpv4(Ipv4Mode.STATIC, address, ipv4.gateway(), ipv4.routes(), ipv4.dns());
  }
}
