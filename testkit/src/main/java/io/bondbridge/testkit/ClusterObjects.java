package io.bondbridge.testkit;

import io.bondbridge.api.v1alpha1.BondBridge;
import io.bondbridge.api.v1alpha1.BondBridgeNode;
import io.bondbridge.api.v1alpha1.BondBridgeSpec;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.HttpURLConnection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The objects a test sets up and reads back through its own client: Nodes, BondBridges, their
 * BondBridgeNodes, Events, and objects stored raw. The mock API server offers them, and so can a
 * test's own cluster fixture that has a client.
 */
public interface ClusterObjects {
  String API_VERSION = "bondbridge.io/v1alpha1";

  /** The test's own client: setup and assertions. */
  KubernetesClient client();

  default Node addNode(String name, Map<String, String> labels) {
    return client()
        .resource(
            new NodeBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .build())
        .create();
  }

  /** Replaces the node's labels. */
  default void setNodeLabels(String name, Map<String, String> labels) {
    client()
        .nodes()
        .withName(name)
        .edit(
            n -> {
              n.getMetadata().setLabels(new HashMap<>(labels));
              return n;
            });
  }

  /** Adds labels to the node, keeping the others. */
  default void labelNode(String name, Map<String, String> labels) {
    client()
        .nodes()
        .withName(name)
        .edit(
            n -> {
              n.getMetadata().getLabels().putAll(labels);
              return n;
            });
  }

  default void deleteNode(String name) {
    client().nodes().withName(name).delete();
  }

  default BondBridge create(BondBridge bb) {
    return client().resource(bb).create();
  }

  default BondBridge bondBridge(String name) {
    return client().resources(BondBridge.class).withName(name).get();
  }

  /**
   * Changes a BondBridge's spec as {@code kubectl edit} would: read, change, write with the read's
   * resourceVersion, and on a conflict (the operator wrote the status meanwhile) read again and
   * retry, as client-go's RetryOnConflict does.
   */
  default BondBridge editSpec(String name, UnaryOperator<BondBridgeSpec> change) {
    for (int attempt = 1; ; attempt++) {
      try {
        return client()
            .resources(BondBridge.class)
            .withName(name)
            .edit(
                bb -> {
                  bb.setSpec(change.apply(bb.getSpec()));
                  return bb;
                });
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt == 5) {
          throw e;
        }
      }
    }
  }

  default void deleteBondBridge(String name) {
    client().resources(BondBridge.class).withName(name).delete();
  }

  /** The BondBridgeNodes of one BondBridge (by the operator's policy label). */
  default List<BondBridgeNode> children(String bondBridge) {
    return client()
        .resources(BondBridgeNode.class)
        .withLabel(BondBridgeNode.POLICY_LABEL, bondBridge)
        .list()
        .getItems();
  }

  /** Every BondBridgeNode. */
  default List<BondBridgeNode> children() {
    return client().resources(BondBridgeNode.class).list().getItems();
  }

  default BondBridgeNode child(String name) {
    return client().resources(BondBridgeNode.class).withName(name).get();
  }

  default List<Event> events(String namespace) {
    return client().v1().events().inNamespace(namespace).list().getItems();
  }

  /** Every BondBridge and BondBridgeNode as YAML: for a failing test's message. */
  default String dump() {
    return Serialization.asYaml(client().resources(BondBridge.class).list().getItems())
        + Serialization.asYaml(children());
  }

  /**
   * Stores an object as given, as JSON: a BondBridge or BondBridgeNode that the Java types cannot
   * read (an older, looser CRD let it in). The mock checks no schema, like that old CRD.
   */
  default void createRaw(String kind, String json) {
    GenericKubernetesResource raw = Serialization.unmarshal(json, GenericKubernetesResource.class);
    client().genericKubernetesResources(API_VERSION, kind).resource(raw).create();
  }

  /** An object as stored, as a map: to check that nobody rewrote what could not be read. */
  default GenericKubernetesResource raw(String kind, String name) {
    return client().genericKubernetesResources(API_VERSION, kind).withName(name).get();
  }
}
