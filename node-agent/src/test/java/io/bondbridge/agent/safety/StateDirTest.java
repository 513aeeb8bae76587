package io.bondbridge.agent.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bondbridge.agent.host.Route;
import io.bondbridge.agent.plan.AddressStep;
import io.bondbridge.agent.plan.LinkStep;
import io.bondbridge.agent.plan.Origins;
import io.bondbridge.agent.plan.RouteStep;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StateDirTest {
  private static final Route DEFAULT = Route.of("default", "10.0.0.1", "eth0").withProtocol("boot");

  @TempDir Path dir;

  @Test
  void aCheckpointWithEveryKindOfStepAndProbeReadsBackEqual() {
    StateDir store = new StateDir(dir);
    Checkpoint checkpoint =
        new Checkpoint(
            "vm-uplink",
            Checkpoint.Stage.APPLYING,
            List.of(
                new LinkStep.CreateBond("bond0", Map.of("mode", "active-backup", "miimon", "100")),
                new LinkStep.SetBondOptions(
                    "bond0", Map.of("miimon", "200"), Map.of("miimon", "100")),
                new LinkStep.CreateBridge("br0", Map.of("stp_state", "0")),
                new LinkStep.SetBridgeOptions(
                    "br0", Map.of("stp_state", "1"), Map.of("stp_state", "0")),
                new LinkStep.CreateVlan("bond0", "bond0.10", 10),
                new LinkStep.SetAlias("bond0", "bondbridge:vm-uplink", null),
                new LinkStep.SetMaster("eth0", "bond0", null),
                new LinkStep.SetLinkState("eth0", false),
                new LinkStep.SetMtu("bond0", 9000, 1500),
                new AddressStep.AddAddress("br0", "10.0.0.2/24"),
                new AddressStep.DelAddress("eth0", "10.0.0.2/24"),
                new RouteStep.AddRoute(DEFAULT.onDevice("br0")),
                new RouteStep.DelRoute(DEFAULT),
                new LinkStep.DeleteLink(
                    "bond0", List.of(new LinkStep.CreateBond("bond0", Map.of())))),
            List.of(
                new Probe.Gateway(),
                new Probe.Ping("10.0.0.3"),
                new Probe.Tcp("API server", "10.0.0.9", 6443)),
            1234L,
            "2026-11-22T00:00:00Z",
            Change.Kind.TEARDOWN,
            new Origins(Map.of("10.0.0.2/24", "eth0"), List.of(DEFAULT)));

    store.write(checkpoint);

    assertThat(store.read("vm-uplink")).contains(checkpoint);
  }

  @Test
  void originsReadBackEqual() {
    StateDir store = new StateDir(dir);
    Origins origins = new Origins(Map.of("10.0.0.2/24", "eth0"), List.of(DEFAULT));

    store.writeOrigins("vm-uplink", origins);

    assertThat(store.origins("vm-uplink")).isEqualTo(origins);
    store.deleteOrigins("vm-uplink");
    assertThat(store.origins("vm-uplink")).isEqualTo(Origins.none());
  }

  @Test
  void aCheckpointOfAnOlderAgentReadsAsAnApplyThatLeavesTheRecordAlone() throws Exception {
    java.nio.file.Files.writeString(
        dir.resolve("vm-uplink.checkpoint.json"),
        """
        {"bondBridge":"vm-uplink","stage":"APPLYING","steps":[],"requiredProbes":[],
         "deadline":1234,"startedAt":"2026-11-22T00:00:00Z"}
        """);

    Checkpoint read = new StateDir(dir).read("vm-uplink").orElseThrow();

    assertThat(read.kind()).isEqualTo(Change.Kind.APPLY);
    assertThat(read.origins()).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"../../x", "../x", "/etc/x", "a/b", "", "x\u0000y"})
  void aNameThatIsNotOneFileNameIsRefusedAndNothingIsWrittenOutside(String name)
      throws IOException {
    Path stateDir = dir.resolve("var/lib/bondbridge");
    StateDir store = new StateDir(stateDir);
    Checkpoint checkpoint =
        new Checkpoint(
            name, Checkpoint.Stage.APPLYING, List.of(), List.of(), 0L, "now", null, null);

    assertThatThrownBy(() -> store.write(checkpoint))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("would put its state outside");
    assertThatThrownBy(() -> store.writeOrigins(name, Origins.none()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.read(name)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.delete(name)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.deleteOrigins(name))
        .isInstanceOf(IllegalArgumentException.class);
    try (Stream<Path> written = Files.walk(dir)) {
      assertThat(written.filter(Files::isRegularFile)).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "bond.yaml",
        "dhcp-node.yaml",
        "seed-000-four-port-bridge.yaml",
        "seed-001-active-backup.yaml",
        "seed-001-arp-monitor.yaml",
        "vlan-trunk-bridge.yaml"
      })
  void theAppliedSpecOfEveryExampleReadsBackEqual(String example) {
    BondBridgeNodeSpec spec =
        io.bondbridge.agent.cli.SpecFile.read(Path.of("../examples", example), "squeeze");
    StateDir store = new StateDir(dir);

    store.writeApplied(spec);

    assertThat(store.applied(spec.bondBridge())).contains(spec);
    assertThat(store.applied()).containsExactly(spec);
    store.deleteApplied(spec.bondBridge());
    assertThat(store.applied()).isEmpty();
  }

  @Test
  void appliedSpecsComeInNameOrderAndAnUnreadableOneIsSkipped() throws IOException {
    StateDir store = new StateDir(dir);
    BondBridgeNodeSpec bond =
        io.bondbridge.agent.cli.SpecFile.read(Path.of("../examples/bond.yaml"), "squeeze");
    store.writeApplied(withName(bond, "zeta"));
    store.writeApplied(withName(bond, "alpha"));
    Files.writeString(dir.resolve("broken.applied.json"), "{\"bond\": [");

    assertThat(store.applied())
        .extracting(BondBridgeNodeSpec::bondBridge)
        .containsExactly("alpha", "zeta");
  }

  @Test
  void bootedReadsBackInOrder() {
    StateDir store = new StateDir(dir);
    assertThat(store.booted()).isEmpty();
    Map<String, String> booted = new java.util.LinkedHashMap<>();
    booted.put("uplink", "/etc/bondbridge/uplink.yaml");
    booted.put("storage", "/etc/bondbridge/a-storage.yaml");

    store.writeBooted(booted);

    assertThat(store.booted()).containsExactlyEntriesOf(booted);
  }

  private static BondBridgeNodeSpec withName(BondBridgeNodeSpec s, String name) {
    return new BondBridgeNodeSpec(
        s.node(),
        name,
        s.bondBridgeGeneration(),
        s.bond(),
        s.vlans(),
        s.bridge(),
        s.ipv4(),
        s.ipv6(),
        s.probes(),
        s.cleanup(),
        null);
  }

  @Test
  void aNullNameIsRefused() {
    assertThatThrownBy(() -> new StateDir(dir).read(null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aNameWithDotsStaysInside() {
    StateDir store = new StateDir(dir.resolve("state"));
    store.writeOrigins("uplink.node-a", Origins.none());

    assertThat(dir.resolve("state/uplink.node-a.origins.json")).exists();
  }
}
