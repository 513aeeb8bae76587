package io.bondbridge.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bondbridge.helm.AdmissionPolicy.Allowed;
import io.bondbridge.helm.AdmissionPolicy.Denied;
import io.bondbridge.helm.AdmissionPolicy.NotMatched;
import io.bondbridge.helm.AdmissionPolicy.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The chart's ValidatingAdmissionPolicy, rendered by helm template and its CEL evaluated offline:
 * the agent of node-a may write node-a's BondBridgeNode status and add or remove its own finalizer,
 * and nothing else — not another node's objects, not a spec, labels or other finalizers; other
 * users are not matched.
 */
class AgentAdmissionPolicyTest {
  private static final String AGENT = "system:serviceaccount:bondbridge-system:bondbridge-agent";
  private static final String NODE_NAME = "authentication.kubernetes.io/node-name";

  private final AdmissionPolicy policy =
      new AdmissionPolicy(
          Chart.render().get("ValidatingAdmissionPolicy", "bondbridge-agent-own-node"));

  /** node-a's BondBridgeNode as the agent finds it: picked up, finalizer on. */
  private static Map<String, Object> child() {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", "uplink.node-a");
    metadata.put(
        "labels", Map.of("bondbridge.io/node", "node-a", "bondbridge.io/bondbridge", "uplink"));
    metadata.put("annotations", Map.of("bondbridge.io/handed-over-at", "2026-01-01T00:00:00Z"));
    metadata.put(
        "ownerReferences",
        List.of(
            Map.of(
                "apiVersion",
                "bondbridge.io/v1alpha1",
                "kind",
                "BondBridge",
                "name",
                "uplink",
                "uid",
                "u1")));
    metadata.put("finalizers", List.of("bondbridge.io/agent"));
    Map<String, Object> child = new LinkedHashMap<>();
    child.put("apiVersion", "bondbridge.io/v1alpha1");
    child.put("kind", "BondBridgeNode");
    child.put("metadata", metadata);
    child.put(
        "spec",
        Map.of(
            "node",
            "node-a",
            "bondBridge",
            "uplink",
            "bondBridgeGeneration",
            1,
            "bond",
            Map.of("name", "bond0")));
    child.put("status", Map.of("phase", "Applying"));
    return child;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> changed(Consumer<Map<String, Object>> change) {
    Map<String, Object> copy = (Map<String, Object>) AdmissionPolicy.toCel(child());
    change.accept(copy);
    return copy;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> metadata(Map<String, Object> o) {
    return (Map<String, Object>) o.get("metadata");
  }

  private static Map<String, Object> request(String operation, String user, List<String> node) {
    Map<String, Object> extra = new LinkedHashMap<>();
    if (node != null) {
      extra.put(NODE_NAME, node);
    }
    return Map.of("operation", operation, "userInfo", Map.of("username", user, "extra", extra));
  }

  private Verdict agentOf(String node, Map<String, Object> oldObject, Map<String, Object> object) {
    return policy.admit(
        request("UPDATE", AGENT, List.of(node)),
        AdmissionPolicy.toCel(object),
        AdmissionPolicy.toCel(oldObject));
  }

  @Test
  void theAgentWritesItsOwnNodesStatus() {
    var after = changed(o -> o.put("status", Map.of("phase", "Ready", "portsUp", "2/2")));
    assertThat(agentOf("node-a", child(), after)).isEqualTo(new Allowed());
  }

  @Test
  void anotherNodesAgentIsRefused() {
    var after = changed(o -> o.put("status", Map.of("phase", "Failed")));
    assertThat(agentOf("node-b", child(), after))
        .isInstanceOfSatisfying(
            Denied.class, d -> assertThat(d.message()).contains("its own node"));
  }

  @Test
  void aTokenWithoutANodeIsRefused() {
    var after = changed(o -> o.put("status", Map.of("phase", "Ready")));
    Verdict v =
        policy.admit(
            request("UPDATE", AGENT, null),
            AdmissionPolicy.toCel(after),
            AdmissionPolicy.toCel(child()));
    assertThat(v).isInstanceOf(Denied.class);
  }

  @Test
  void anySpecWriteIsRefusedEvenOnItsOwnNode() {
    var after =
        changed(
            o ->
                o.put(
                    "spec",
                    Map.of(
                        "node",
                        "node-a",
                        "bondBridge",
                        "uplink",
                        "bondBridgeGeneration",
                        1,
                        "bond",
                        Map.of("name", "bond9"))));
    assertThat(agentOf("node-a", child(), after))
        .isInstanceOfSatisfying(Denied.class, d -> assertThat(d.message()).contains("spec"));
    // moving the object to its own node is a spec write too
    var moved = changed(o -> o.put("spec", Map.of("node", "node-b")));
    assertThat(agentOf("node-a", changedOld("node-b"), moved)).isInstanceOf(Denied.class);
  }

  private static Map<String, Object> changedOld(String node) {
    return changed(o -> o.put("spec", Map.of("node", node)));
  }

  @Test
  void itsOwnFinalizerMayBeAddedAndRemoved() {
    var without = changed(o -> metadata(o).remove("finalizers"));
    assertThat(agentOf("node-a", without, child())).isEqualTo(new Allowed());
    assertThat(agentOf("node-a", child(), without)).isEqualTo(new Allowed());
  }

  @Test
  void anotherFinalizerLabelsOrAnnotationsAreRefused() {
    var otherFinalizer =
        changed(
            o -> metadata(o).put("finalizers", List.of("bondbridge.io/agent", "example.com/x")));
    assertThat(agentOf("node-a", child(), otherFinalizer))
        .isInstanceOfSatisfying(
            Denied.class, d -> assertThat(d.message()).contains("only its own finalizer"));
    var othersRemoved = changed(o -> metadata(o).put("finalizers", new ArrayList<>()));
    var withForeign =
        changed(
            o -> metadata(o).put("finalizers", List.of("bondbridge.io/agent", "example.com/x")));
    assertThat(agentOf("node-a", withForeign, othersRemoved)).isInstanceOf(Denied.class);
    var relabelled =
        changed(o -> metadata(o).put("labels", Map.of("bondbridge.io/node", "node-b")));
    assertThat(agentOf("node-a", child(), relabelled))
        .isInstanceOfSatisfying(Denied.class, d -> assertThat(d.message()).contains("labels"));
    var annotated = changed(o -> metadata(o).put("annotations", Map.of()));
    assertThat(agentOf("node-a", child(), annotated)).isInstanceOf(Denied.class);
  }

  @Test
  void theAgentNeverCreatesOrDeletes() {
    Object c = AdmissionPolicy.toCel(child());
    assertThat(policy.admit(request("CREATE", AGENT, List.of("node-a")), c, null))
        .isInstanceOf(Denied.class);
    assertThat(policy.admit(request("DELETE", AGENT, List.of("node-a")), null, c))
        .isInstanceOf(Denied.class);
  }

  @Test
  void otherUsersAreNotMatched() {
    var after = changed(o -> o.put("spec", Map.of("node", "node-b")));
    for (String user :
        List.of(
            "system:serviceaccount:bondbridge-system:bondbridge-operator",
            "kubernetes-admin",
            "system:serviceaccount:other:bondbridge-agent")) {
      assertThat(
              policy.admit(
                  request("UPDATE", user, List.of("node-a")),
                  AdmissionPolicy.toCel(after),
                  AdmissionPolicy.toCel(child())))
          .isEqualTo(new NotMatched());
    }
  }

  @Test
  void renderedWithItsBindingAndOffWhenSwitchedOff() {
    Chart.Manifests on = Chart.render();
    JsonNode binding = on.get("ValidatingAdmissionPolicyBinding", "bondbridge-agent-own-node");
    assertThat(binding.path("apiVersion").asText()).isEqualTo("admissionregistration.k8s.io/v1");
    assertThat(binding.path("spec").path("policyName").asText())
        .isEqualTo("bondbridge-agent-own-node");
    assertThat(binding.path("spec").path("validationActions").toString()).isEqualTo("[\"Deny\"]");
    assertThat(
            on.get("ValidatingAdmissionPolicy", "bondbridge-agent-own-node")
                .path("spec")
                .path("failurePolicy")
                .asText())
        .isEqualTo("Fail");

    Chart.Manifests off = Chart.render(Chart.values("agent.admissionPolicy.enabled", "false"));
    assertThat(off.ofKind("ValidatingAdmissionPolicy")).isEmpty();
    assertThat(off.ofKind("ValidatingAdmissionPolicyBinding")).isEmpty();
  }

  @Test
  void aClusterOlderThan130GetsTheRbacAlone() {
    Chart.Manifests old = Chart.render("1.29.4", Map.of());
    assertThat(old.ofKind("ValidatingAdmissionPolicy")).isEmpty();
    assertThat(old.ofKind("ValidatingAdmissionPolicyBinding")).isEmpty();
    assertThat(old.get("ClusterRole", "bondbridge-agent")).isNotNull();
  }
}
