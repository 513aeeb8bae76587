package io.bondbridge.agent.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bondbridge.agent.host.BridgeVlan;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BridgeVlanJsonTest {

  @Test
  void readsEveryPortWithItsFlagsOneEntryPerId() throws IOException {
    String json = Files.readString(KernelFixtures.root().resolve("bridge-vlan/show.json"));

    Map<String, List<BridgeVlan>> tables = BridgeVlanJson.tables(json);

    assertThat(tables).containsOnlyKeys("bond0", "br0", "vm0");
    List<BridgeVlan> bond = tables.get("bond0");
    // VLAN 1 kept egress-untagged when VLAN 5 took the PVID: the kernel moves only the flag
    assertThat(bond.subList(0, 3))
        .containsExactly(
            new BridgeVlan(1, false, true), BridgeVlan.untaggedPvid(5), BridgeVlan.tagged(20));
    assertThat(bond.subList(3, bond.size()))
        .extracting(BridgeVlan::id)
        .containsExactly(100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110);
    assertThat(tables.get("br0"))
        .containsExactly(BridgeVlan.untaggedPvid(1), BridgeVlan.tagged(20));
  }

  @Test
  void aCompressedRangeIsExpanded() {
    String json =
        "[{\"ifname\":\"bond0\",\"vlans\":[{\"vlan\":1,\"flags\":[\"PVID\",\"Egress Untagged\"]},"
            + "{\"vlan\":100,\"vlanEnd\":103}]}]";

    assertThat(BridgeVlanJson.tables(json).get("bond0"))
        .containsExactly(
            BridgeVlan.untaggedPvid(1),
            BridgeVlan.tagged(100),
            BridgeVlan.tagged(101),
            BridgeVlan.tagged(102),
            BridgeVlan.tagged(103));
  }

  @Test
  void noOutputIsNoTableAndGarbageIsAnError() {
    assertThat(BridgeVlanJson.tables("")).isEmpty();
    assertThatThrownBy(() -> BridgeVlanJson.tables("port vlan-id"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bridge -j vlan show");
  }
}
