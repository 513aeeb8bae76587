package io.bondbridge.agent.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.host.BondState;
import io.bondbridge.agent.observe.HostStateAssembler;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The quick look on a link event (/proc/net/bonding only) merged into the last full observation: it
 * must give what the full observation that follows gives, or every event would write twice.
 */
class GlanceTest {
  private static final BondState HEALTHY = CapturedHosts.host("seed001").bond("bond0").get();
  private static final BondState PULLED = CapturedHosts.host("failover").bond("bond0").get();

  @Test
  void aGlanceAtAFailoverGivesWhatTheFullObservationGives() throws Exception {
    BondState merged = BondGlance.merge(HEALTHY, glance("failover"));

    assertThat(merged).isEqualTo(PULLED);
  }

  @Test
  void aGlanceAtAnUnchangedBondChangesNothing() throws Exception {
    assertThat(BondGlance.merge(HEALTHY, glance("seed001"))).isEqualTo(HEALTHY);
    assertThat(BondGlance.merge(PULLED, glance("failover"))).isEqualTo(PULLED);
  }

  private static BondState glance(String scenario) throws IOException, URISyntaxException {
    Path proc =
        Path.of(
            GlanceTest.class
                .getResource("/fixtures/kernel/" + scenario + "/proc-net-bonding-bond0.txt")
                .toURI());
    return HostStateAssembler.bond("bond0", Files.readString(proc), null, Map.of());
  }
}
