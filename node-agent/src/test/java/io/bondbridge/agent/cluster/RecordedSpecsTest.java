package io.bondbridge.agent.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.Engine;
import io.bondbridge.agent.apply.Applier;
import io.bondbridge.agent.drill.DrillReport;
import io.bondbridge.agent.host.HostState;
import io.bondbridge.agent.plan.Plan;
import io.bondbridge.api.v1alpha1.BondBridgeNode;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.DrillMethod;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the agent does with its record at start (on a real kernel after a simulated reboot, with the
 * API server away and back: {@code RecordKernelIT}).
 */
class RecordedSpecsTest {
  private final List<String> calls = new ArrayList<>();
  private final List<BondBridgeNodeSpec> records = new ArrayList<>();

  private final NodeHost host =
      new NodeHost() {
        private Engine.Outcome done() {
          return new Engine.Outcome(
              Plan.of(List.of()), new Applier.Result(List.of(), null, null, List.of()));
        }

        @Override
        public Plan plan(BondBridgeNodeSpec spec) {
          throw new AssertionError("not planned on its own");
        }

        @Override
        public Plan plan(BondBridgeNodeSpec spec, HostState observed) {
          throw new AssertionError("not planned on its own");
        }

        @Override
        public Engine.Outcome apply(BondBridgeNodeSpec spec) {
          calls.add("apply " + spec.bondBridge() + " on " + spec.node());
          return done();
        }

        @Override
        public Engine.Outcome delete(BondBridgeNodeSpec spec) {
          calls.add("delete " + spec.bondBridge());
          return done();
        }

        @Override
        public HostState observe() {
          throw new AssertionError("not observed");
        }

        @Override
        public List<BondBridgeNodeSpec> recorded() {
          return records;
        }

        @Override
        public DrillReport drill(BondBridgeNodeSpec spec, DrillMethod method) {
          throw new AssertionError("not drilled");
        }

        @Override
        public void putPortsBack(BondBridgeNodeSpec spec) {
          throw new AssertionError("not drilled");
        }
      };

  private final RecordedSpecs recorded = new RecordedSpecs(host, "node-a");

  private static BondBridgeNodeSpec spec(String bondBridge, String node) {
    BondBridgeNodeSpec base = CapturedHosts.example("bond.yaml", node);
    return new BondBridgeNodeSpec(
        node,
        bondBridge,
        1L,
        base.bond(),
        null,
        base.bridge(),
        base.ipv4(),
        null,
        base.probes(),
        null,
        null);
  }

  private static BondBridgeNode child(BondBridgeNodeSpec spec) {
    BondBridgeNode child = new BondBridgeNode();
    child.setSpec(spec);
    return child;
  }

  @Test
  void atStartEveryRecordOfThisNodeIsPutBack() {
    records.addAll(
        List.of(spec("storage", "node-a"), spec("other", "node-b"), spec("uplink", "node-a")));

    recorded.putBack();

    assertThat(calls).containsExactly("apply storage on node-a", "apply uplink on node-a");
  }

  @Test
  void aRecordNoChildOfTheFirstListNamesIsTornDown() {
    BondBridgeNodeSpec uplink = spec("uplink", "node-a");
    records.addAll(List.of(spec("gone", "node-a"), uplink, spec("other", "node-b")));

    recorded.forgetGone(List.of(child(uplink)));

    assertThat(calls).containsExactly("delete gone");
  }

  @Test
  void aChildWhoseSpecCannotBeReadKeepsEveryRecord() {
    records.add(spec("gone", "node-a"));

    recorded.forgetGone(List.of(new BondBridgeNode()));

    assertThat(calls).isEmpty();
  }
}
