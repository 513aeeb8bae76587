package io.bondbridge.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Least privilege, exactly: every rule of every role, one line per (group, resource, name) with its
 * verbs, compared with the list the code needs (operator/ and node-agent/ sources; see the comments
 * in templates/rbac-*.yaml). A new permission must be added here on purpose.
 */
class RbacTest {

  @Test
  void operatorClusterRoleIsExactlyWhatItsReconcilerUses() {
    ClusterRole role = Chart.render().get("ClusterRole", "bondbridge-operator", ClusterRole.class);

    assertThat(lines(role.getRules()))
        .containsExactlyInAnyOrder(
            "/nodes: get,list,watch",
            "bondbridge.io/bondbridgedrills: get,list,patch,update,watch",
            "bondbridge.io/bondbridgedrills/status: patch",
            "bondbridge.io/bondbridgenodes: create,delete,get,list,patch,update,watch",
            "bondbridge.io/bondbridges: get,list,patch,update,watch",
            "bondbridge.io/bondbridges/finalizers: update",
            "bondbridge.io/bondbridges/status: patch,update");
  }

  @Test
  void operatorLeaseRoleIsItsOwnLeaseInTheReleaseNamespace() {
    Role role = Chart.render().get("Role", "bondbridge-operator-leader-election", Role.class);

    assertThat(role.getMetadata().getNamespace()).isEqualTo(Chart.NAMESPACE);
    assertThat(lines(role.getRules()))
        .containsExactlyInAnyOrder(
            "coordination.k8s.io/leases: create",
            "coordination.k8s.io/leases[bondbridge-operator]: get,update");
  }

  @Test
  void agentClusterRoleReadsItsObjectsAndWritesStatusAndFinalizerOnly() {
    ClusterRole role = Chart.render().get("ClusterRole", "bondbridge-agent", ClusterRole.class);

    assertThat(lines(role.getRules()))
        .containsExactlyInAnyOrder(
            "bondbridge.io/bondbridgenodes: list,patch,watch",
            "bondbridge.io/bondbridgenodes/status: patch");
  }

  @Test
  void agentCreatesEventsInTheEventNamespaceOnly() {
    Role role = Chart.render().get("Role", "bondbridge-agent-events", Role.class);

    assertThat(role.getMetadata().getNamespace()).isEqualTo("default");
    assertThat(lines(role.getRules())).containsExactly("/events: create,patch");
  }

  @Test
  void operatorCreatesEventsInTheEventNamespaceOnly() {
    Chart.Manifests manifests = Chart.render(Chart.values("agent.eventNamespace", "net-events"));
    Role role = manifests.get("Role", "bondbridge-operator-events", Role.class);

    assertThat(role.getMetadata().getNamespace()).isEqualTo("net-events");
    assertThat(lines(role.getRules())).containsExactly("/events: create");
    RoleBinding binding =
        manifests.get("RoleBinding", "bondbridge-operator-events", RoleBinding.class);
    assertThat(binding.getSubjects().get(0).getName()).isEqualTo("bondbridge-operator");
  }

  @Test
  void bindingsNameTheChartsServiceAccounts() {
    Chart.Manifests manifests = Chart.render();

    for (String name : List.of("bondbridge-operator", "bondbridge-agent")) {
      ClusterRoleBinding binding =
          manifests.get("ClusterRoleBinding", name, ClusterRoleBinding.class);
      assertThat(binding.getRoleRef().getName()).isEqualTo(name);
      assertThat(binding.getSubjects())
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.getKind()).isEqualTo("ServiceAccount");
                assertThat(s.getName()).isEqualTo(name);
                assertThat(s.getNamespace()).isEqualTo(Chart.NAMESPACE);
              });
      assertThat(manifests.get("ServiceAccount", name)).isNotNull();
    }
    RoleBinding events = manifests.get("RoleBinding", "bondbridge-agent-events", RoleBinding.class);
    assertThat(events.getSubjects().get(0).getName()).isEqualTo("bondbridge-agent");
    assertThat(events.getSubjects().get(0).getNamespace()).isEqualTo(Chart.NAMESPACE);
  }

  @Test
  void noWildcardsAnywhere() {
    Chart.Manifests manifests = Chart.render();
    Stream<List<PolicyRule>> rules =
        Stream.concat(
            manifests.ofKind("ClusterRole").map(r -> convert(r, ClusterRole.class).getRules()),
            manifests.ofKind("Role").map(r -> convert(r, Role.class).getRules()));

    assertThat(rules.flatMap(List::stream))
        .allSatisfy(
            r -> {
              assertThat(r.getVerbs()).doesNotContain("*");
              assertThat(r.getResources()).doesNotContain("*");
              assertThat(r.getApiGroups()).doesNotContain("*");
            });
  }

  @Test
  void rbacCanBeLeftToTheAdmin() {
    Chart.Manifests manifests = Chart.render(Chart.values("rbac.create", false));

    assertThat(manifests.kindsAndNames())
        .noneMatch(k -> k.startsWith("ClusterRole") || k.startsWith("Role"));
  }

  private static <T> T convert(com.fasterxml.jackson.databind.JsonNode node, Class<T> type) {
    return io.fabric8.kubernetes.client.utils.Serialization.jsonMapper().convertValue(node, type);
  }

  /**
   * "group/resource[names]: verbs" per resource, sorted, so that a rule split or merged differently
   * compares the same.
   */
  private static List<String> lines(List<PolicyRule> rules) {
    TreeSet<String> lines = new TreeSet<>();
    for (PolicyRule rule : rules) {
      assertThat(rule.getNonResourceURLs()).isNullOrEmpty();
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          String names =
              rule.getResourceNames() == null || rule.getResourceNames().isEmpty()
                  ? ""
                  : rule.getResourceNames().toString().replace(" ", "");
          String verbs = String.join(",", new TreeSet<>(rule.getVerbs()));
          lines.add(group + "/" + resource + names + ": " + verbs);
        }
      }
    }
    return List.copyOf(lines);
  }
}
