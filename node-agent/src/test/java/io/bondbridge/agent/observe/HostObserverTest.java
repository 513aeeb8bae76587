package io.bondbridge.agent.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bondbridge.agent.exec.CommandFailedException;
import io.bondbridge.agent.exec.CommandRunner;
import io.bondbridge.agent.host.BondPort;
import io.bondbridge.agent.host.BondState;
import io.bondbridge.agent.host.HostState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HostObserver against a fake kernel: the {@code ip} outputs and the /proc and /sys files captured
 * from the real kernel in the VM, served by a fake CommandRunner and a temporary directory laid out
 * like / . This is the unit tier; the kernel tier runs the same observer against a real kernel in
 * the VM (vm/kernel-tests.sh).
 */
class HostObserverTest {

  private static final String IP = "/usr/sbin/ip";

  @TempDir Path root;

  /** Answers the three ip commands with a scenario's captured output and records the calls. */
  private static final class FakeIp implements CommandRunner {
    final List<List<String>> calls = new ArrayList<>();
    final Map<List<String>, String> outputs;

    FakeIp(String scenario) {
      outputs =
          Map.of(
              List.of(IP, "-j", "-d", "link", "show"),
              KernelFixtures.text(scenario, "link.json"),
              List.of(IP, "-j", "addr", "show"),
              KernelFixtures.text(scenario, "addr.json"),
              List.of(IP, "-j", "route", "show", "table", "all"),
              KernelFixtures.text(scenario, "route.json"));
    }

    @Override
    public Result run(List<String> command, String stdin) {
      calls.add(command);
      String out = outputs.get(command);
      return out == null
          ? new Result(255, "", "Command \"" + command + "\" is unknown, try \"ip help\".")
          : new Result(0, out, "");
    }
  }

  /** Lays out proc/net/bonding/BOND and sys/class/net/BOND/bonding/* from a scenario's fixtures. */
  private void fakeBond(String scenario, String bond) throws IOException {
    Path proc = Files.createDirectories(root.resolve("proc/net/bonding"));
    Files.writeString(proc.resolve(bond), KernelFixtures.proc(scenario, bond));
    Path sysfs =
        Files.createDirectories(root.resolve("sys/class/net").resolve(bond).resolve("bonding"));
    for (var file : KernelFixtures.sysfsFiles(scenario, bond).entrySet()) {
      Files.writeString(sysfs.resolve(file.getKey()), file.getValue());
    }
  }

  /** sys/class/net/NAME/device/driver → ../../../bus/pci/drivers/DRIVER, as on a real host. */
  private void fakeDriver(String link, String driver) throws IOException {
    Path device =
        Files.createDirectories(root.resolve("sys/class/net").resolve(link).resolve("device"));
    Files.createSymbolicLink(
        device.resolve("driver"), Path.of("../../../../bus/pci/drivers").resolve(driver));
  }

  @Test
  void aLinkNetworkdManagesIsReadFromItsStateFileUnderTheRoot() throws IOException {
    FakeIp ip = new FakeIp("failover");
    int eth1 = new HostObserver(ip, IP, root).observe().link("eth1").orElseThrow().index();
    Path links = Files.createDirectories(root.resolve("run/systemd/netif/links"));
    Files.writeString(
        links.resolve(String.valueOf(eth1)),
        "ADMIN_STATE=configured\nNETWORK_FILE=/etc/systemd/network/20-eth1.network\n");

    HostState host = new HostObserver(new FakeIp("failover"), IP, root).observe();

    assertThat(host.managerOf("eth1").map(m -> m.name())).contains("systemd-networkd");
    assertThat(host.managerOf("eth0")).isEmpty();
  }

  @Test
  void networkManagersAndIfupdownsHoldAreReadUnderTheRoot() throws IOException {
    FakeIp ip = new FakeIp("failover");
    int eth1 = new HostObserver(ip, IP, root).observe().link("eth1").orElseThrow().index();
    Path devices = Files.createDirectories(root.resolve("run/NetworkManager/devices"));
    Files.writeString(devices.resolve(String.valueOf(eth1)), "[device]\nmanaged=true\n");
    Path run = Files.createDirectories(root.resolve("run/network"));
    Files.writeString(run.resolve("ifstate.eth0"), "eth0\n");
    Path interfaces = Files.createDirectories(root.resolve("etc/network")).resolve("interfaces");
    Files.writeString(interfaces, "auto eth0\niface eth0 inet static\n    address 10.0.0.2/24\n");

    HostState host = new HostObserver(new FakeIp("failover"), IP, root).observe();

    assertThat(host.managerOf("eth1").map(m -> m.name())).contains("NetworkManager");
    assertThat(host.managerOf("eth0").map(m -> m.detail()))
        .contains("iface eth0 inet static (" + interfaces + ":2)");

    // a configuration that cannot be read holds the port, saying why: the safe side
    Files.delete(interfaces);
    Files.createDirectory(interfaces); // read as a file, it fails
    assertThat(new HostObserver(new FakeIp("failover"), IP, root).observe().managerOf("eth0"))
        .hasValueSatisfying(
            m -> assertThat(m.detail()).startsWith("its stanzas could not be read"));
  }

  @Test
  void failoverHostReadWithThreeCommands() throws IOException {
    fakeBond("failover", "bond0");
    fakeDriver("eth0", "ixgbe");
    FakeIp ip = new FakeIp("failover");

    HostState host = new HostObserver(ip, IP, root).observe();

    assertThat(ip.calls)
        .containsExactly(
            List.of(IP, "-j", "-d", "link", "show"),
            List.of(IP, "-j", "addr", "show"),
            List.of(IP, "-j", "route", "show", "table", "all"));
    BondState bond = host.bond("bond0").orElseThrow();
    assertThat(bond.mode()).isEqualTo("active-backup");
    assertThat(bond.activePort()).isEqualTo("eth1");
    assertThat(bond.options()).containsEntry("updelay", "200").containsEntry("primary", "eth0");
    assertThat(bond.ports())
        .containsExactly(
            new BondPort("eth0", "down", 1, "52:54:00:bb:00:00", 10000, "full", "backup"),
            new BondPort("eth1", "up", 0, "52:54:00:bb:00:01", 10000, "full", "active"));
    assertThat(host.link("eth0").orElseThrow().driver()).isEqualTo("ixgbe");
    assertThat(host.link("eth1").orElseThrow().driver()).isNull();
    assertThat(host.addressesOn("bond0"))
        .extracting(a -> a.cidr())
        .containsExactly("192.168.188.88/24");
  }

  @Test
  void sameStateAsAssemblingTheFixturesDirectly() throws IOException {
    for (int i = 0; i < 7; i++) {
      fakeBond("modes", "bond" + i);
    }
    HostState observed = new HostObserver(new FakeIp("modes"), IP, root).observe();
    assertThat(observed).isEqualTo(HostStateAssembler.assemble(KernelFixtures.readings("modes")));
  }

  @Test
  void unreadableAndOddSysfsEntriesAreSkipped() throws IOException {
    fakeBond("seed000", "bond0");
    Path bonding = root.resolve("sys/class/net/bond0/bonding");
    Files.createDirectory(bonding.resolve("subdir"));
    Files.createSymbolicLink(bonding.resolve("dangling"), root.resolve("nowhere"));
    // A file that exists but fails with EIO on read, as some bonding files do in some modes.
    // Ownership checks do not stop root, so an I/O error is the failure a test can provoke.
    Path failing = Path.of("/proc/self/mem");
    boolean canProvoke = Files.isRegularFile(failing);
    if (canProvoke) {
      Files.delete(bonding.resolve("ad_actor_key"));
      Files.createSymbolicLink(bonding.resolve("ad_actor_key"), failing);
    }

    HostReadings readings = new HostObserver(new FakeIp("seed000"), IP, root).read();

    assertThat(readings.sysfsBonding().get("bond0"))
        .doesNotContainKeys("subdir", "dangling")
        .containsEntry("mode", "active-backup 1\n");
    if (canProvoke) {
      assertThat(readings.sysfsBonding().get("bond0")).doesNotContainKey("ad_actor_key");
    }
    assertThat(HostStateAssembler.assemble(readings).bond("bond0").orElseThrow().mode())
        .isEqualTo("active-backup");
  }

  @Test
  void aBondWithoutProcOrSysfsFilesIsStillReported() {
    // Nothing under root: the bond vanished between the ip call and the reads, or /sys is hidden.
    HostState host = new HostObserver(new FakeIp("seed001"), IP, root).observe();
    BondState bond = host.bond("bond0").orElseThrow();
    assertThat(bond.options()).isEmpty();
    assertThat(bond.ports())
        .extracting(BondPort::name, BondPort::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("eth0", "active"),
            org.assertj.core.groups.Tuple.tuple("eth1", "backup"));
  }

  @Test
  void aHostWithoutBondsNeedsNoFiles() {
    HostState host = new HostObserver(new FakeIp("plain"), IP, root).observe();
    assertThat(host.bonds()).isEmpty();
    assertThat(host.links()).containsKeys("lo", "eth0", "eth1", "eth2", "eth3");
  }

  @Test
  void aFailingIpIsAnError() {
    CommandRunner broken =
        (command, stdin) -> new CommandRunner.Result(1, "", "Cannot open netlink socket");
    assertThatThrownBy(() -> new HostObserver(broken, IP, root).observe())
        .isInstanceOf(CommandFailedException.class)
        .hasMessageContaining("Cannot open netlink socket");
  }

  /**
   * A dump a concurrent change interrupted (NLM_F_DUMP_INTR) may miss entries: iproute2 says so on
   * stderr, exits 0 and prints what it got. Here the first address dump misses eth0's address.
   */
  @Test
  void anInterruptedDumpIsReadAgain() {
    FakeIp kernel = new FakeIp("plain");
    List<String> addr = List.of(IP, "-j", "addr", "show");
    int[] addrReads = {0};
    CommandRunner interruptedOnce =
        (command, stdin) -> {
          if (command.equals(addr) && addrReads[0]++ == 0) {
            return new CommandRunner.Result(
                0, "[]\n", "Dump was interrupted and may be inconsistent.\n");
          }
          return kernel.run(command, stdin);
        };

    HostState host = new HostObserver(interruptedOnce, IP, root).observe();

    assertThat(addrReads[0]).isEqualTo(2);
    assertThat(host.addresses())
        .isEqualTo(new HostObserver(new FakeIp("plain"), IP, root).observe().addresses())
        .isNotEmpty();
  }

  @Test
  void aDumpInterruptedEveryTimeIsKeptAfterAFewReadings() {
    List<List<String>> calls = new ArrayList<>();
    CommandRunner busy =
        (command, stdin) -> {
          calls.add(command);
          return new CommandRunner.Result(0, "[]", "Dump was interrupted and may be inconsistent.");
        };

    assertThat(new HostObserver(busy, IP, root).observe().links()).isEmpty();
    assertThat(calls).hasSize(HostObserver.DUMP_ATTEMPTS * HostObserver.READS.size());
  }

  @Test
  void defaultsAreIpFromThePathAndTheRealRoot() {
    List<List<String>> calls = new ArrayList<>();
    CommandRunner empty =
        (command, stdin) -> {
          calls.add(command);
          return new CommandRunner.Result(0, "[]", "");
        };
    assertThat(new HostObserver(empty).observe().links()).isEmpty();
    assertThat(calls).allSatisfy(c -> assertThat(c.get(0)).isEqualTo("ip"));
  }
}
