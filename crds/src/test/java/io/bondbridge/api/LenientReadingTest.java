package io.bondbridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import io.bondbridge.api.v1alpha1.BondBridge;
import io.bondbridge.api.v1alpha1.BondBridgeNode;
import io.bondbridge.api.v1alpha1.ReadError;
import io.fabric8.kubernetes.api.model.DefaultKubernetesResourceList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A spec or status that does not fit the Java types reads as null plus a {@link ReadError}, read
 * with the client's own serialization, as an informer reads a list; the rest of the object, and
 * every other object, read as before.
 */
class LenientReadingTest {
  private final KubernetesSerialization json = new KubernetesSerialization();

  private static final String GOOD =
      """
      {"apiVersion":"bondbridge.io/v1alpha1","kind":"BondBridge","metadata":{"name":"good"},
       "spec":{"bond":{"name":"bond0","mode":"active-backup","ports":[{"name":"eth0"}]},
               "rollout":{"maxUnavailable":2}},
       "status":{"phase":"Ready","ready":"1/1"}}
      """;

  @Test
  void aNumberPast32BitsMakesTheSpecNullAndSaysWhereAndWhat() {
    BondBridge bb =
        json.unmarshal(
            GOOD.replace("\"good\"", "\"bad\"")
                .replace("\"maxUnavailable\":2", "\"maxUnavailable\":99999999999"),
            BondBridge.class);

    assertThat(bb.getMetadata().getName()).isEqualTo("bad");
    assertThat(bb.getSpec()).isNull();
    assertThat(bb.getStatus().phase()).isEqualTo("Ready");
    assertThat(bb.readErrors()).hasSize(1);
    ReadError error = bb.readErrors().get(0);
    assertThat(error.path()).isEqualTo("spec.rollout.maxUnavailable");
    assertThat(error.value()).isEqualTo("99999999999");
    assertThat(error.describe())
        .startsWith("spec.rollout.maxUnavailable: 99999999999 cannot be read (")
        .contains("at most 2147483647");
  }

  @Test
  void aReadableObjectReadsAsBeforeAndHasNoErrors() {
    BondBridge bb = json.unmarshal(GOOD, BondBridge.class);

    assertThat(bb.readErrors()).isEmpty();
    assertThat(bb.getSpec().rollout().maxUnavailable().getIntVal()).isEqualTo(2);
    assertThat(bb.getSpec().bond().name()).isEqualTo("bond0");
    assertThat(json.clone(bb)).isEqualTo(bb);
  }

  @Test
  void aListWithOneUnreadableItemReadsEveryItem() {
    String bad =
        GOOD.replace("\"good\"", "\"bad\"")
            .replace("\"maxUnavailable\":2", "\"maxUnavailable\":99999999999");
    String list =
        "{\"apiVersion\":\"bondbridge.io/v1alpha1\",\"kind\":\"BondBridgeList\",\"items\":["
            + bad
            + ","
            + GOOD
            + "]}";

    DefaultKubernetesResourceList<BondBridge> items =
        json.unmarshal(
            new ByteArrayInputStream(list.getBytes(StandardCharsets.UTF_8)),
            new TypeReference<DefaultKubernetesResourceList<BondBridge>>() {});

    List<BondBridge> read = items.getItems();
    assertThat(read).extracting(b -> b.getMetadata().getName()).containsExactly("bad", "good");
    assertThat(read.get(0).readErrors()).hasSize(1);
    assertThat(read.get(1).getSpec()).isNotNull();
  }

  @Test
  void anUnreadableChildStatusKeepsItsSpecAndNamesTheListIndex() {
    String child =
        """
        {"apiVersion":"bondbridge.io/v1alpha1","kind":"BondBridgeNode","metadata":{"name":"a.n"},
         "spec":{"node":"n"},
         "status":{"phase":"Ready","bond":{"ports":[{"name":"eth0"},{"name":"eth1","speedMbps":99999999999}]}}}
        """;

    BondBridgeNode read = json.unmarshal(child, BondBridgeNode.class);

    assertThat(read.getSpec().node()).isEqualTo("n");
    assertThat(read.getStatus()).isNull();
    assertThat(read.readErrors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path()).isEqualTo("status.bond.ports[1].speedMbps");
              assertThat(e.value()).isEqualTo("99999999999");
            });
  }
}
