package io.bondbridge.agent.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.bondbridge.admission.CrdValidator;
import java.io.UncheckedIOException;
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

  /** From an ifupdown interfaces file (and what it sources), for the node {@code node}. */
  public static ImportResult ofInterfaces(Path file, String node, String name) {
    InterfacesImport.Imported imported = InterfacesImport.of(Stanzas.read(file), node, name);
    CrdValidator.Admission admission =
        CrdValidator.committed("bondbridges").admit(imported.document());
    try {
      String yaml =
          "# imported from "
              + file
              + " by bondbridge import: review it, then apply it (adopt takes the devices over"
              + " as they are)\n"
              + YAML.writeValueAsString(imported.document());
      return new ImportResult(yaml, imported.notCarried(), admission.errors());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
