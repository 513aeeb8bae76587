package io.bondbridge.agent.kernel;

import static io.bondbridge.agent.kernel.KernelChecks.applyAndConverge;
import static io.bondbridge.agent.kernel.KernelChecks.tearDownAndCheck;
import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.Engine;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each of the kernel's seven bonding modes, created with options that only make sense in that mode,
 * read back from sysfs; then planned again (nothing to do) and torn down (nothing left). The bond
 * carries no address: the node keeps its IP on the management NIC.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AllModesKernelIT {
  private KernelLab lab;

  @BeforeAll
  void lab() {
    lab = KernelLab.withManagementNic(2);
  }

  @AfterEach
  void restore() {
    lab.restore();
  }

  @AfterAll
  void close() {
    if (lab != null) {
      lab.close();
    }
  }

  static Stream<Arguments> modes() {
    return Stream.of(
        mode(
            "balance-rr",
            null,
            "packetsPerSlave: 3",
            "mode",
            "balance-rr 0",
            "packets_per_slave",
            "3"),
        mode(
            "active-backup",
            "eth1",
            "failOverMac: active, primaryReselect: better",
            "mode",
            "active-backup 1",
            "primary",
            "eth1",
            "fail_over_mac",
            "active 1",
            "primary_reselect",
            "better 1"),
        mode(
            "balance-xor",
            null,
            "xmitHashPolicy: layer3+4",
            "mode",
            "balance-xor 2",
            "xmit_hash_policy",
            "layer3+4 1"),
        mode(
            "broadcast",
            null,
            "miimon: 50, updelay: 100",
            "mode",
            "broadcast 3",
            "miimon",
            "50",
            "updelay",
            "100"),
        mode(
            "802.3ad",
            null,
            "lacpRate: fast, adSelect: bandwidth, minLinks: 1, xmitHashPolicy: layer2+3",
            "mode",
            "802.3ad 4",
            "lacp_rate",
            "fast 1",
            "ad_select",
            "bandwidth 1",
            "min_links",
            "1",
            "xmit_hash_policy",
            "layer2+3 2"),
        mode(
            "balance-tlb",
            "eth0",
            "tlbDynamicLb: false, lpInterval: 5, xmitHashPolicy: layer3+4",
            "mode",
            "balance-tlb 5",
            "primary",
            "eth0",
            "tlb_dynamic_lb",
            "0",
            "lp_interval",
            "5",
            "xmit_hash_policy",
            "layer3+4 1"),
        mode(
            "balance-alb",
            "eth1",
            "lpInterval: 3",
            "mode",
            "balance-alb 6",
            "primary",
            "eth1",
            "lp_interval",
            "3"));
  }

  private static Arguments mode(String mode, String primary, String options, String... sysfs) {
    Map<String, String> expected = new LinkedHashMap<>();
    for (int i = 0; i < sysfs.length; i += 2) {
      expected.put(sysfs[i], sysfs[i + 1]);
    }
    String yaml =
        """
        apiVersion: bondbridge.io/v1alpha1
        kind: BondBridge
        metadata:
          name: all-modes
        spec:
          bond:
            name: bond0
            mode: %s
            ports: [{name: eth0}, {name: eth1}]
        %s    options: {%s}
          ipv4:
            mode: none
        """
            .formatted(mode, primary == null ? "" : "    primary: " + primary + "\n", options);
    return Arguments.of(mode, yaml, expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modes")
  void createsTheModeWithItsOptions(String mode, String yaml, Map<String, String> expected) {
    BondBridgeNodeSpec spec = Examples.fromYaml(yaml);
    Engine engine = lab.engine();

    applyAndConverge(engine, spec);

    expected.forEach(
        (option, value) -> assertThat(lab.sysfs("bond0", option)).as(option).isEqualTo(value));
    assertThat(lab.sysfs("bond0", "slaves")).isEqualTo("eth0 eth1");
    assertThat(lab.host().links().get("bond0").adminUp()).isTrue();

    tearDownAndCheck(lab, engine, spec, List.of("bond0"));
  }
}
