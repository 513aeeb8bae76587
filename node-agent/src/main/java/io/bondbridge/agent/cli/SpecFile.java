package io.bondbridge.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.bondbridge.admission.CrdValidator;
import io.bondbridge.admission.ObjectName;
import io.bondbridge.api.v1alpha1.BondBridge;
import io.bondbridge.api.v1alpha1.BondBridgeNode;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.BondBridgeSpec;
import io.bondbridge.api.v1alpha1.Ipv4;
import io.bondbridge.api.v1alpha1.Ipv4Mode;
import io.bondbridge.api.v1alpha1.NodeResolution;
import io.bondbridge.api.v1alpha1.ReadError;
import io.bondbridge.api.v1alpha1.Vlan;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads a {@code bond.yaml} for the one-host CLI, admits it as the API server would (the committed
 * CRD's schema, defaults and CEL rules: {@link CrdValidator}), and resolves it for this host with
 * the operator's own {@link NodeResolution}: per-node addresses from the {@code addresses} map. A
 * pool needs the operator (it allocates across nodes), so on one host it is refused with a reason.
 * Nothing here reads the host: a file that is refused never gets that far.
 */
public final class SpecFile {
  static final String API_VERSION = "bondbridge.io/v1alpha1";

  private SpecFile() {}

  public static BondBridgeNodeSpec read(Path file, String node) {
    JsonNode document = SpecDocument.read(file);
    String kind = document.path("kind").asText("");
    String apiVersion = document.path("apiVersion").asText("");
    if (!API_VERSION.equals(apiVersion)
        || !("BondBridge".equals(kind) || "BondBridgeNode".equals(kind))) {
      throw usage(
          file
              + " holds "
              + (kind.isEmpty() ? "no kind" : "kind " + kind)
              + (apiVersion.isEmpty() ? "" : " of " + apiVersion)
              + ", not a BondBridge (apiVersion "
              + API_VERSION
              + ", kind BondBridge or BondBridgeNode)");
    }
    String plural = "BondBridge".equals(kind) ? "bondbridges" : "bondbridgenodes";
    CrdValidator.Admission admission = CrdValidator.committed(plural).admit(document);
    if (!admission.admitted()) {
      throw usage(
          file
              + " is refused by the "
              + kind
              + " CRD, as the API server would refuse it: "
              + String.join("; ", admission.errors()));
    }
    if ("BondBridgeNode".equals(kind)) {
      BondBridgeNode bondBridgeNode = typed(file, admission.object(), BondBridgeNode.class);
      unreadable(file, bondBridgeNode.readErrors());
      BondBridgeNodeSpec spec = bondBridgeNode.getSpec();
      if (spec == null) {
        throw usage(file + " holds a BondBridgeNode without a spec");
      }
      // The state files are named after it: the same rule as for a BondBridge's own name.
      ObjectName.problem(spec.bondBridge(), "spec.bondBridge")
          .ifPresent(
              problem -> {
                throw usage(file + " is refused: " + problem);
              });
      return spec;
    }
    BondBridge bondBridge = typed(file, admission.object(), BondBridge.class);
    unreadable(file, bondBridge.readErrors());
    return resolve(bondBridge.getMetadata().getName(), bondBridge.getSpec(), node);
  }

  /** The admitted, defaulted object in the Java types. */
  private static <T> T typed(Path file, JsonNode object, Class<T> type) {
    try {
      return Serialization.unmarshal(object.toString(), type);
    } catch (RuntimeException e) {
      throw usage(file + " does not fit the BondBridge API: " + rootMessage(e));
    }
  }

  /** A part the API types cannot hold (the CRD admitted it: a bound missing from the CRD). */
  private static void unreadable(Path file, List<ReadError> errors) {
    if (!errors.isEmpty()) {
      throw usage(
          file
              + " does not fit the BondBridge API: "
              + errors.stream().map(ReadError::describe).collect(Collectors.joining("; ")));
    }
  }

  private static CliException usage(String message) {
    return new CliException(CliException.USAGE, message);
  }

  private static String rootMessage(Throwable e) {
    while (e.getCause() != null) {
      e = e.getCause();
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().findFirst().orElse("").strip();
  }

  /**
   * The one resolution the operator makes ({@link NodeResolution}), with this node's addresses
   * taken from the {@code addresses} maps: a static slot without one is refused with the reason.
   */
  public static BondBridgeNodeSpec resolve(String name, BondBridgeSpec spec, String node) {
    Map<String, String> addresses = new HashMap<>();
    address(spec.ipv4OrDefault(), node, "ipv4")
        .ifPresent(a -> addresses.put(NodeResolution.TOP_SLOT, a));
    for (Vlan vlan : spec.vlansOrEmpty()) {
      if (vlan.ipv4() != null) {
        address(vlan.ipv4(), node, "vlans[" + vlan.id() + "]")
            .ifPresent(a -> addresses.put(NodeResolution.vlanSlot(vlan.id()), a));
      }
    }
    return NodeResolution.resolve(name, null, spec, node, addresses);
  }

  private static Optional<String> address(Ipv4 ipv4, String node, String where) {
    if (ipv4.mode() != Ipv4Mode.STATIC) {
      return Optional.empty();
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
    return Optional.of(address);
  }
}
