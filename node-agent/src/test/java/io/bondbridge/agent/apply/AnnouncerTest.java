package io.bondbridge.agent.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.bondbridge.agent.exec.CommandRunner;
import io.bondbridge.agent.exec.Iproute;
import io.bondbridge.agent.host.Route;
import io.bondbridge.agent.plan.AddressStep;
import io.bondbridge.agent.plan.LinkStep;
import io.bondbridge.agent.plan.Plan;
import io.bondbridge.agent.plan.RouteStep;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Which steps the applier announces (the packets themselves are the kernel tests': {@code
 * FourPortVmBridgeKernelIT} shows a peer with a stale ARP entry reaching the node after the move).
 */
class AnnouncerTest {
  private final List<String> commands = new CopyOnWriteArrayList<>();
  private final ExecutorService beside = Executors.newSingleThreadExecutor();

  private Applier applier(CommandRunner runner) {
    return new Applier(Iproute.processes(runner, "ip"), runner, new Announcer(runner, beside));
  }

  private CommandRunner failing(String failingCommand) {
    return (command, stdin) -> {
      String line = String.join(" ", command);
      commands.add(line);
      return line.equals(failingCommand)
          ? new CommandRunner.Result(2, "", "RTNETLINK answers: File exists")
          : new CommandRunner.Result(0, "", "");
    };
  }

  /** The commands after every announcement has run. */
  private List<String> commandsWhenDone() throws InterruptedException {
    beside.shutdown();
    assertThat(beside.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    return commands;
  }

  @Test
  void theMovedIpv4AddressIsAnnouncedOnItsNewDeviceOnceTheChangeIsDone() throws Exception {
    Plan move =
        Plan.of(
            List.of(
                new AddressStep.DelAddress("eth0", "10.0.0.2/24"),
                new AddressStep.AddAddress("br0", "10.0.0.2/24"),
                new AddressStep.AddAddress("br0", "fd00::2/64", null, null, List.of("nodad")),
                new RouteStep.AddRoute(Route.of("default", "10.0.0.1", "br0")),
                new LinkStep.SetLinkState("br0", true)));

    Applier.Result result = applier(failing("none")).apply(move);

    assertThat(result.ok()).isTrue();
    assertThat(commandsWhenDone())
        .filteredOn(c -> c.startsWith("arping"))
        .containsExactly("arping -q -U -c 3 -I br0 10.0.0.2");
    assertThat(commands.indexOf("arping -q -U -c 3 -I br0 10.0.0.2"))
        .as("announced once br0 is up")
        .isGreaterThan(commands.indexOf("ip link set dev br0 up"));
  }

  @Test
  void anAddressTheSameChangeTookOffAgainIsNotAnnounced() throws Exception {
    Plan addAndTakeOff =
        Plan.of(
            List.of(
                new AddressStep.AddAddress("br0", "10.0.0.9/24"),
                new AddressStep.DelAddress("br0", "10.0.0.9/24")));

    assertThat(applier(failing("none")).apply(addAndTakeOff).ok()).isTrue();
    assertThat(commandsWhenDone()).noneMatch(c -> c.startsWith("arping"));
  }

  @Test
  void aFailedMoveAnnouncesTheAddressWhereTheUndoPutItBack() throws Exception {
    Plan move =
        Plan.of(
            List.of(
                new AddressStep.DelAddress("eth0", "10.0.0.2/24"),
                new AddressStep.AddAddress("br0", "10.0.0.2/24")));

    Applier.Result result = applier(failing("ip addr add 10.0.0.2/24 dev br0")).apply(move);

    assertThat(result.restored()).isTrue();
    assertThat(commandsWhenDone())
        .filteredOn(c -> c.startsWith("arping"))
        .containsExactly("arping -q -U -c 3 -I eth0 10.0.0.2");
  }

  @Test
  void withoutArpingTheChangeStillHolds() throws Exception {
    CommandRunner noArping =
        (command, stdin) -> {
          if (command.get(0).equals("arping")) {
            throw new UncheckedIOException(new java.io.IOException("No such file or directory"));
          }
          commands.add(String.join(" ", command));
          return new CommandRunner.Result(0, "", "");
        };

    Applier.Result result =
        applier(noArping).apply(Plan.of(List.of(new AddressStep.AddAddress("br0", "10.0.0.2/24"))));

    assertThat(result.ok()).isTrue();
    assertThat(commandsWhenDone()).containsExactly("ip addr add 10.0.0.2/24 dev br0");
  }
}
