package io.bondbridge.agent.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.bondbridge.admission.CrdValidator;
import io.bondbridge.agent.host.HostState;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A BondBridge made from a host's own network configuration, admitted by the committed CRD as the
 * API server would admit it, with every setting that was not carried.
 *
 * @param yaml the BondBridge, to review and apply (it has {@code adopt: true})
 * @param notCarried each setting left out, where it stood and why
 * @param refusals what the CRD refuses in it (then it is not to be applied as it is)
 */
public record ImportResult(String yaml, List<String> notCarried, List<String> refusals) {
  private static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  /** The formats {@code import} reads. */
  public enum Format {
    /** ifupdown's /etc/network/interfaces, with what it sources. */
    interfaces,
    /** RHEL's /etc/sysconfig/network-scripts/ifcfg-* files. */
    ifcfg,
    /** netplan's /etc/netplan/*.yaml. */
    netplan,
    /** NetworkManager's /etc/NetworkManager/system-connections/*.nmconnection keyfiles. */
    keyfile;

    /**
     * A directory is ifcfg with ifcfg-* files in it, keyfile with *.nmconnection files, else
     * netplan; a file is netplan if it is YAML with a network: mapping, keyfile if it is named
     * *.nmconnection or opens with [connection], ifcfg if it is named ifcfg-* or opens with a
     * KEY=VALUE line; else interfaces.
     */
    public static Format of(List<Path> paths) {
      Path first = paths.get(0);
      if (Files.isDirectory(first)) {
        return !IfcfgFiles.inDirectory(first).isEmpty()
            ? ifcfg
            : !KeyfileFiles.inDirectory(first).isEmpty() ? keyfile : netplan;
      }
      if (NetplanFiles.looksLikeNetplan(first)) {
        return netplan;
      }
      if (KeyfileFiles.looksLikeKeyfile(first)) {
        return keyfile;
      }
      return IfcfgFiles.looksLikeIfcfg(first) ? ifcfg : interfaces;
    }
  }

  /** From an ifupdown interfaces file (and what it sources), for the node {@code node}. */
  public static ImportResult ofInterfaces(Path file, String node, String name) {
    return of(List.of(file), Format.interfaces, node, name);
  }

  /** From the running host: the bond {@code bond} (null: the first), for the node. */
  public static ImportResult live(HostState host, String bond, String node, String name) {
    return admitted(LiveImport.of(host, bond, node, name), "the running host");
  }

  /** From these files (or directories of ifcfg-* files) in this format, for the node. */
  public static ImportResult of(List<Path> paths, Format format, String node, String name) {
    InterfacesImport.Imported imported =
        switch (format) {
          case interfaces -> {
            if (paths.size() != 1 || Files.isDirectory(paths.get(0))) {
              throw new IllegalArgumentException(
                  "an interfaces import reads one file (it follows its source lines itself)");
            }
            yield InterfacesImport.of(Stanzas.read(paths.get(0)), node, name);
          }
          case ifcfg -> IfcfgImport.of(IfcfgFiles.read(paths), node, name);
          case netplan -> NetplanImport.of(NetplanFiles.read(paths), node, name);
          case keyfile -> KeyfileImport.of(KeyfileFiles.read(paths), node, name);
        };
    return admitted(imported, String.join(" ", paths.stream().map(Path::toString).toList()));
  }

  private static ImportResult admitted(InterfacesImport.Imported imported, String from) {
    CrdValidator.Admission admission =
        CrdValidator.committed("bondbridges").admit(imported.document());
    try {
      String yaml =
          "# imported from "
              + from
              + " by bondbridge import: review it, then apply it (adopt takes the devices over"
              + " as they are)\n"
              + YAML.writeValueAsString(imported.document());
      return new ImportResult(yaml, imported.notCarried(), admission.errors());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
