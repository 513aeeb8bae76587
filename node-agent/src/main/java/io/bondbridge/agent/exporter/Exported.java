package io.bondbridge.agent.exporter;

import io.bondbridge.agent.plan.KernelBondOption;
import io.bondbridge.api.v1alpha1.Bond;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import io.bondbridge.api.v1alpha1.NodeIpv4;
import io.bondbridge.api.v1alpha1.NodeIpv6;
import io.bondbridge.api.v1alpha1.PortSelector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node's BondBridge written as the host's own tool's configuration: the files (name to content)
 * and every setting that tool has no place for, named (never dropped silently).
 *
 * @param files each file's name (relative to the tool's directory) and its content
 * @param notWritten what was left out, and why
 */
public record Exported(Map<String, String> files, List<String> notWritten) {
  /** The formats {@code export} writes. */
  public enum Format {
    /** ifupdown's /etc/network/interfaces, with ifenslave's and bridge-utils' keywords. */
    interfaces,
    /** netplan's /etc/netplan/*.yaml, for systemd-networkd. */
    netplan,
    /** RHEL's /etc/sysconfig/network-scripts/ifcfg-* files. */
    ifcfg,
    /** NetworkManager's /etc/NetworkManager/system-connections/*.nmconnection keyfiles. */
    keyfile,
    /** systemd-networkd's /etc/systemd/network/*.netdev and *.network files. */
    networkd
  }

  /**
   * The spec in this format.
   *
   * @throws IllegalArgumentException what the spec holds that no file can say (a port chosen by MAC
   *     or driver, an inherited address: both are known only on the host)
   */
  public static Exported of(BondBridgeNodeSpec spec, Format format) {
    for (PortSelector p : spec.bond().ports()) {
      if (p.name() == null) {
        throw new IllegalArgumentException(
            "bond "
                + spec.bond().name()
                + ": a port chosen by MAC, pattern or driver has no name"
                + " to write; name the ports");
      }
    }
    Notes notes = new Notes();
    Map<String, String> files = new LinkedHashMap<>();
    switch (format) {
      case interfaces -> files.put("interfaces", new InterfacesExport(spec, notes).text());
      case netplan -> files.put("60-bondbridge.yaml", new NetplanExport(spec, notes).text());
      case ifcfg -> files.putAll(new IfcfgExport(spec, notes).files());
      case keyfile -> files.putAll(new KeyfileExport(spec, notes).files());
      case networkd -> files.putAll(new NetworkdExport(spec, notes).files());
    }
    return new Exported(files, notes.list);
  }

  /**
   * The options to write: the kernel's values for the bond, without a miimon of 0 (the kernel's own
   * default, which an ARP-monitored bond has).
   */
  static Map<KernelBondOption, String> options(Bond bond) {
    Map<KernelBondOption, String> options = KernelBondOption.desired(bond);
    options.remove(KernelBondOption.MIIMON, "0");
    return options;
  }

  /** What the format could not hold. */
  static final class Notes {
    private final List<String> list = new ArrayList<>();

    void add(String note) {
      list.add(note);
    }

    /** {@code DEVICE: WHAT: not written: WHY}, the one shape of these notes. */
    void notWritten(String device, String what, String why) {
      add(device + ": " + what + ": not written: " + why);
    }

    /** Each route of the block, not written, and why. */
    void routes(String device, NodeIpv4 v4, String why) {
      if (v4 != null && v4.routes() != null) {
        v4.routes().forEach(r -> notWritten(device, "route " + r.to(), why));
      }
    }

    void routes(String device, NodeIpv6 v6, String why) {
      if (v6 != null && v6.routes() != null) {
        v6.routes().forEach(r -> notWritten(device, "route " + r.to(), why));
      }
    }

    /** ipv6 inherit, the default: no file knows it, and none is needed. */
    void inheritedIpv6(String device) {
      notWritten(
          device,
          "ipv6 inherit",
          "the file leaves IPv6 to the kernel (SLAAC where a router advertises), which is what"
              + " the ports had");
    }

    /** An option of the bond that the format has no place for. */
    void option(String bond, KernelBondOption option, String value, String why) {
      notWritten(bond, option.sysfsName() + " " + value, why);
    }
  }
}
