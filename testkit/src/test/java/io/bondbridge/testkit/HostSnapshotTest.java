package io.bondbridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * What "the host as before" compares: what a change could alter, not what the kernel moves by
 * itself. The JSON is the shape of {@code ip -j -d link show} (6.1 kernel, iproute2 6.1), cut down.
 */
class HostSnapshotTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String LINKS =
      """
      [{"ifname":"eth0","flags":["BROADCAST","SLAVE","UP","LOWER_UP"],"mtu":1500,
        "master":"bond0","address":"52:54:00:bb:00:00",
        "linkinfo":{"info_kind":"veth","info_slave_kind":"bond",
                    "info_slave_data":{"mii_status":"UP","link_failure_count":%d}}},
       {"ifname":"bond0","flags":["MASTER","UP","LOWER_UP"],"mtu":1500,"master":"br0",
        "address":"52:54:00:bb:00:00","ifalias":"bondbridge:vm-uplink",
        "linkinfo":{"info_kind":"bond","info_data":{"mode":"active-backup","miimon":%d,
                    "active_slave":"%s"}}},
       {"ifname":"bond0.10","flags":["UP"],"mtu":1400,"link":"bond0","address":"52:54:00:bb:00:00",
        "linkinfo":{"info_kind":"vlan","info_data":{"protocol":"802.1Q","id":10}}},
       {"ifname":"br0","flags":["%s","LOWER_UP"],"mtu":1500,"address":"52:54:00:bb:00:00",
        "linkinfo":{"info_kind":"bridge","info_data":{"stp_state":0,"forward_delay":1500,
                    "gc_timer":%s,"topology_change":0}}}]
      """;

  private static final String ADDRESSES =
      """
      [{"ifname":"br0","addr_info":[{"family":"inet","local":"10.0.0.2","prefixlen":24},
         {"family":"inet6","local":"fe80::5054:ff:febb:0","prefixlen":64,"scope":"link"%s}]}]
      """;

  private static final String ROUTES =
      """
      [{"dst":"default","gateway":"10.0.0.1","dev":"br0"},
       {"dst":"10.0.0.0/24","dev":"br0","protocol":"kernel","scope":"link","prefsrc":"10.0.0.2"}]
      """;

  @Test
  void whatTheKernelMovesByItselfIsLeftOut() throws Exception {
    HostSnapshot before = snapshot(0, 100, "eth0", "UP", "297.89", "");
    // a link failure counted, a failover, a bridge timer ticking, link-local DAD finishing
    HostSnapshot after = snapshot(3, 100, "eth1", "UP", "12.5", ",\"tentative\":true");

    assertThat(after).isEqualTo(before);
    assertThat(before.links())
        .contains(
            "bond0.10 kind=vlan master=null up=true mtu=1400 alias=null mac=52:54:00:bb:00:00"
                + " vlan=10@bond0")
        .anyMatch(
            l -> l.startsWith("br0 ") && l.endsWith("options={forward_delay=1500, stp_state=0}"));
    assertThat(before.addresses()).containsExactly("br0 10.0.0.2/24");
    assertThat(before.routes())
        .containsExactlyInAnyOrder("default via=10.0.0.1 dev=br0", "10.0.0.0/24 via=null dev=br0");
  }

  @Test
  void whatAChangeAltersIsSeen() throws Exception {
    HostSnapshot before = snapshot(0, 100, "eth0", "UP", "0.0", "");

    assertThat(snapshot(0, 200, "eth0", "UP", "0.0", "")).as("a bond option").isNotEqualTo(before);
    assertThat(snapshot(0, 100, "eth0", "BROADCAST", "0.0", ""))
        .as("the bridge set down")
        .isNotEqualTo(before);
    HostSnapshot noAddress =
        HostSnapshot.of(
            JSON.readTree(LINKS.formatted(0, 100, "eth0", "UP", "0.0")),
            JSON.readTree("[{\"ifname\":\"br0\",\"addr_info\":[]}]"),
            JSON.readTree(ROUTES));
    assertThat(noAddress).as("the node address gone").isNotEqualTo(before);
    HostSnapshot trunk =
        HostSnapshot.of(
            JSON.readTree(LINKS.formatted(0, 100, "eth0", "UP", "0.0")),
            JSON.readTree(ADDRESSES.formatted("")),
            JSON.readTree(ROUTES),
            JSON.readTree(
                "[{\"ifname\":\"bond0\",\"vlans\":[{\"vlan\":1,\"flags\":[\"PVID\","
                    + "\"Egress Untagged\"]},{\"vlan\":20}]}]"));
    assertThat(trunk).as("a VLAN on the bridge's port").isNotEqualTo(before);
  }

  private static HostSnapshot snapshot(
      int failures, int miimon, String active, String bridgeFlag, String gcTimer, String dad)
      throws Exception {
    JsonNode links = JSON.readTree(LINKS.formatted(failures, miimon, active, bridgeFlag, gcTimer));
    return HostSnapshot.of(links, JSON.readTree(ADDRESSES.formatted(dad)), JSON.readTree(ROUTES));
  }
}
