package io.bondbridge.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The validator the CLI admits with: the CRDs it carries are the committed ones, defaults are
 * filled in as the API server fills them, and names are checked as the API server checks them. (The
 * CRD's own rules are proven file by file by crds' InvalidSpecsTest.)
 */
class CrdValidatorTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private final CrdValidator validator = CrdValidator.committed("bondbridges");
  private final CrdValidator nodes = CrdValidator.committed("bondbridgenodes");

  private static JsonNode bondBridge(String name, String spec) throws IOException {
    return YAML.readTree(
        "apiVersion: bondbridge.io/v1alpha1\nkind: BondBridge\nmetadata: {name: '"
            + name
            + "'}\nspec: "
            + spec);
  }

  /** A BondBridgeNode: its CRD has no rule of its own on the name, so the generic check shows. */
  private static JsonNode bondBridgeNode(String name) {
    ObjectNode object = (ObjectNode) YAML.createObjectNode();
    object.put("apiVersion", "bondbridge.io/v1alpha1").put("kind", "BondBridgeNode");
    object.putObject("metadata").put("name", name);
    ObjectNode spec = object.putObject("spec").put("node", "node-a").put("bondBridge", "x");
    ObjectNode bond = spec.putObject("bond").put("name", "bond0").put("mode", "active-backup");
    bond.putArray("ports").addObject().put("name", "eth0");
    return object;
  }

  @ParameterizedTest
  @ValueSource(strings = {"bondbridges", "bondbridgenodes"})
  void theJarCarriesTheCommittedCrd(String plural) throws IOException {
    try (InputStream in =
        CrdValidator.class.getResourceAsStream("crds/" + CrdFiles.fileName(plural))) {
      assertThat(in).as("the CRD packed into the admission jar").isNotNull();
      assertThat(in.readAllBytes())
          .isEqualTo(Files.readAllBytes(Path.of("..", "crds", CrdFiles.fileName(plural))));
    }
  }

  @Test
  void defaultsAreFilledInAtEveryDepthAndHandedOn() throws IOException {
    CrdValidator.Admission admission =
        validator.admit(
            bondBridge(
                "uplink",
                "{bond: {name: bond0, mode: active-backup, ports: [{name: eth0}]},"
                    + " bridge: {name: br0}, vlans: [{id: 10, bridge: {name: br10}}],"
                    + " probes: {gateway: false}}"));

    assertThat(admission.errors()).isEmpty();
    JsonNode spec = admission.object().path("spec");
    assertThat(spec.at("/bridge/forwardDelay").asInt()).isEqualTo(15);
    assertThat(spec.at("/bridge/stp").isBoolean()).isTrue();
    assertThat(spec.at("/vlans/0/bridge/forwardDelay").asInt()).isEqualTo(15);
    assertThat(spec.at("/probes/timeoutSeconds").asInt()).isEqualTo(60);
    assertThat(spec.at("/probes/apiServer").asBoolean()).isTrue();
    assertThat(spec.at("/probes/gateway").asBoolean()).as("given, so kept").isFalse();
    assertThat(spec.path("cleanup").asText()).isEqualTo("Restore");
  }

  @Test
  void aNullIsPrunedAndDefaultedAsTheApiServerDoes() throws IOException {
    CrdValidator.Admission admission =
        validator.admit(
            bondBridge(
                "uplink",
                "{bond: {name: bond0, mode: active-backup, ports: [{name: eth0}]},"
                    + " bridge: {name: br0, forwardDelay: null}}"));

    assertThat(admission.errors()).isEmpty();
    assertThat(admission.object().at("/spec/bridge/forwardDelay").asInt()).isEqualTo(15);
  }

  @Test
  void theCallersObjectIsLeftAsItWas() throws IOException {
    JsonNode given =
        bondBridge("uplink", "{bond: {name: bond0, mode: active-backup, ports: [{name: eth0}]}}");
    JsonNode copy = given.deepCopy();

    validator.admit(given);

    assertThat(given).isEqualTo(copy);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "../../x",
        "/etc/x",
        "a/b",
        "..",
        "Uplink",
        "a;b",
        "a b",
        "-a",
        "a.",
        "a\u001b[2J"
      })
  void aNameThatIsNoKubernetesNameIsRefused(String name) throws IOException {
    assertThat(nodes.validate(bondBridgeNode(name)))
        .singleElement()
        .asString()
        .startsWith("metadata.name: Invalid value: ")
        .contains("a lowercase RFC 1123 subdomain")
        .doesNotContain("\u001b");
  }

  @Test
  void aCrdsOwnRuleOnTheNameSpeaksFirst() throws IOException {
    JsonNode object =
        bondBridge("Uplink", "{bond: {name: bond0, mode: active-backup, ports: [{name: eth0}]}}");

    assertThat(validator.validate(object))
        .singleElement()
        .asString()
        .startsWith("<root>: metadata.name must be a DNS label");
  }

  @Test
  void aNameIsAtMost253Characters() throws IOException {
    assertThat(ObjectName.isValid("a".repeat(253))).isTrue();
    assertThat(ObjectName.isValid("a".repeat(254))).isFalse();
    assertThat(nodes.validate(bondBridgeNode("a".repeat(253)))).isEmpty();
    assertThat(nodes.validate(bondBridgeNode("a".repeat(254))))
        .containsExactly("metadata.name: Invalid value: must be no more than 253 characters");
  }

  @Test
  void anObjectWithoutANameIsRefused() throws IOException {
    JsonNode object =
        YAML.readTree(
            "apiVersion: bondbridge.io/v1alpha1\nkind: BondBridge\nspec: {bond: {name: bond0,"
                + " mode: active-backup, ports: [{name: eth0}]}}");

    assertThat(validator.validate(object))
        .containsExactly("metadata.name: Required value: name or generateName is required");
  }

  @ParameterizedTest
  @ValueSource(strings = {"vm-uplink", "a", "a.b.c", "uplink-0.node-a"})
  void kubernetesNamesPass(String name) {
    assertThat(ObjectName.isValid(name)).isTrue();
  }

  @Test
  void aRuleThatCannotBeEvaluatedOnTheObjectRefusesItAsTheApiServerDoes(@TempDir Path dir)
      throws IOException {
    Path crd =
        Files.writeString(
            dir.resolve("crd.yaml"),
            """
            spec:
              versions:
                - schema:
                    openAPIV3Schema:
                      type: object
                      properties:
                        spec:
                          type: object
                          properties: {x: {type: integer}}
                          x-kubernetes-validations:
                            - {rule: "self.x > 0", message: x must be positive}
            """);

    List<String> errors = CrdValidator.forCrd(crd).validate(bondBridge("a", "{}"));

    assertThat(errors).singleElement().asString().startsWith("spec: rule evaluation error: ");
  }
}
