package io.bondbridge.agent.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bondbridge.agent.kube.ApiClient;
import io.bondbridge.agent.kube.ApiException;
import io.bondbridge.agent.kube.ApiPaths;
import io.bondbridge.api.v1alpha1.BondBridge;
import io.bondbridge.api.v1alpha1.BondBridgeNode;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatus;
import io.bondbridge.api.v1alpha1.BondBridgeNodeStatusBuilder;
import io.bondbridge.api.v1alpha1.CleanupPolicy;
import io.bondbridge.api.v1alpha1.Conditions;
import io.bondbridge.api.v1alpha1.Phase;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The agent's own client ({@link ApiClient}) against the mock API server, beside the fabric8 client
 * that the operator and the tests use: the two read and write the same objects alike.
 */
class AgentClientTest {
  private static final String NAME = "vm-uplink.node-a";

  private final MockApi api = new MockApi();
  private final ApiClient agent = api.agentClient();

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void aStatusWrittenByTheAgentReadsTheSameToFabric8AndTheObjectReadsTheSameToBoth()
      throws ApiException {
    BondBridge owner = api.client().resource(NodeAgentApiTest.example()).create();
    api.createChild(
        owner,
        NodeAgentApiTest.spec(
            "vm-uplink", "node-a", "bond0", CleanupPolicy.Restore, "eth0", "eth1"),
        "node-a");
    BondBridgeNodeStatus status =
        new BondBridgeNodeStatusBuilder()
            .withPhase(Phase.Degraded)
            .withObservedGeneration(1L)
            .withMessage("eth1 is down")
            .withPortsUp("1/2")
            .withLinkFailures(3L)
            .withAddresses(List.of("192.0.2.10/24"))
            .withConditions(List.of(Conditions.condition("Ready", false, "PortDown", "eth1 down")))
            .build();

    agent.jsonPatch(
        ApiPaths.status(BondBridgeNode.class, NAME),
        List.of(Map.of("op", "add", "path", "/status", "value", status)));

    BondBridgeNode theirs = api.child(NAME);
    assertThat(theirs.getStatus()).isEqualTo(status);
    BondBridgeNode mine =
        agent.get(ApiPaths.object(BondBridgeNode.class, NAME), Map.of(), BondBridgeNode.class);
    assertThat(mine.getSpec()).isEqualTo(theirs.getSpec());
    assertThat(mine.getStatus()).isEqualTo(status);
    assertThat(mine.readErrors()).isEmpty();
    assertThat((Object) ApiClient.JSON.valueToTree(mine))
        .as("every field, metadata included")
        .isEqualTo(Serialization.jsonMapper().valueToTree(theirs));
  }

  @Test
  void anEventCreatedAndMergePatchedByTheAgentIsTheEventFabric8Reads() throws ApiException {
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withName("vm-uplink.node-a.1")
            .withNamespace("default")
            .endMetadata()
            .withReason("Failover")
            .withMessage("eth0 to eth1")
            .withType("Warning")
            .withCount(1)
            .build();
    agent.create(ApiPaths.events("default"), event);
    agent.mergePatch(
        ApiPaths.event("default", "vm-uplink.node-a.1"), Map.of("count", 2, "message", "again"));

    Event read = api.events().get(0);
    assertThat(read.getReason()).isEqualTo("Failover");
    assertThat(read.getType()).isEqualTo("Warning");
    assertThat(read.getCount()).isEqualTo(2);
    assertThat(read.getMessage()).isEqualTo("again");
  }

  @Test
  void aRefusalCarriesTheApiServersCodeAndItsOwnMessage() throws ApiException {
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withName("twice")
            .endMetadata()
            .withReason("R")
            .build();
    agent.create(ApiPaths.events("default"), event);

    assertThatThrownBy(() -> agent.create(ApiPaths.events("default"), event))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.code()).isEqualTo(409);
              assertThat(e.brief()).startsWith("HTTP 409 ").contains("already exists");
            });
    assertThatThrownBy(
            () ->
                agent.jsonPatch(
                    ApiPaths.object(BondBridgeNode.class, "none"),
                    List.of(
                        Map.of("op", "add", "path", "/metadata/finalizers", "value", List.of()))))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(404));
  }

  @Test
  void anApiServerThatDoesNotAnswerIsCodeZeroNamingTheCause() {
    api.cut();

    assertThatThrownBy(
            () -> agent.get(ApiPaths.collection(BondBridgeNode.class), Map.of(), Object.class))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.code()).isZero();
              assertThat(e.brief()).containsAnyOf("Connect", "Closed", "EOF", "reset");
            });
  }
}
