package io.bondbridge.agent.safety;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bondbridge.agent.plan.Origins;
import io.bondbridge.api.v1alpha1.BondBridgeNodeSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints, address origins and the last applied spec on the host's disk ({@code
 * /var/lib/bondbridge}, a hostPath in the cluster), one file of each per BondBridge. Written to a
 * temporary file, synced and renamed, so a crash leaves either the old or the new checkpoint, never
 * half of one.
 */
public final class StateDir {
  private static final Logger LOG = LoggerFactory.getLogger(StateDir.class);
  private static final String APPLIED = ".applied.json";
  // not a BondBridge's file: every one of those ends in a suffix of its kind
  private static final String BOOTED = "booted.json";

  private final Path dir;
  // Unknown fields are ignored so that a newer agent can read what an older one wrote.
  private final ObjectMapper json =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  public StateDir(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  public void write(Checkpoint checkpoint) {
    writeAtomically(file(checkpoint.bondBridge()), checkpoint);
  }

  public void writeOrigins(String bondBridge, Origins origins) {
    writeAtomically(originsFile(bondBridge), origins);
  }

  public Origins origins(String bondBridge) {
    Path file = originsFile(bondBridge);
    if (!Files.exists(file)) {
      return Origins.none();
    }
    try {
      return json.readValue(file.toFile(), Origins.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  public void deleteOrigins(String bondBridge) {
    try {
      Files.deleteIfExists(originsFile(bondBridge));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writeAtomically(Path target, Object value) {
    try {
      Files.createDirectories(dir);
      Path temp = dir.resolve(target.getFileName() + ".tmp");
      Files.write(temp, json.writeValueAsBytes(value));
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  /**
   * Records the spec last applied for its BondBridge (and confirmed): what the agent puts back at
   * start before the API server answers, and what {@code bondbridge boot} tears down when the
   * spec's file is gone. Rewritten only when it differs.
   */
  public void writeApplied(BondBridgeNodeSpec spec) {
    if (!applied(spec.bondBridge()).filter(spec::equals).isPresent()) {
      writeAtomically(appliedFile(spec.bondBridge()), spec);
    }
  }

  /** The spec last applied for {@code bondBridge}, if one is recorded and can be read. */
  public Optional<BondBridgeNodeSpec> applied(String bondBridge) {
    return readApplied(appliedFile(bondBridge));
  }

  /** Every recorded spec, in the order of their BondBridges' names; unreadable ones are skipped. */
  public List<BondBridgeNodeSpec> applied() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(APPLIED))
          .sorted()
          .map(this::readApplied)
          .flatMap(Optional::stream)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  public void deleteApplied(String bondBridge) {
    try {
      Files.deleteIfExists(appliedFile(bondBridge));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What the last {@code bondbridge boot} applied: each BondBridge's name and its file, so that the
   * next boot tears down what a file that is gone had made, and nothing applied by other means.
   */
  public Map<String, String> booted() {
    Path file = dir.resolve(BOOTED);
    if (!Files.exists(file)) {
      return Map.of();
    }
    try {
      return json.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, String>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  public void writeBooted(Map<String, String> fileByBondBridge) {
    writeAtomically(dir.resolve(BOOTED), fileByBondBridge);
  }

  private Optional<BondBridgeNodeSpec> readApplied(Path file) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(json.readValue(file.toFile(), BondBridgeNodeSpec.class));
    } catch (IOException e) {
      // one bad record must not keep the others from being put back
      LOG.warn("ignoring the unreadable record {}: {}", file, e.getMessage());
      return Optional.empty();
    }
  }

  public Optional<Checkpoint> read(String bondBridge) {
    Path file = file(bondBridge);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(json.readValue(file.toFile(), Checkpoint.class));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint " + file, e);
    }
  }

  public void delete(String bondBridge) {
    try {
      Files.deleteIfExists(file(bondBridge));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path appliedFile(String bondBridge) {
    return inside(bondBridge, APPLIED);
  }

  private Path originsFile(String bondBridge) {
    return inside(bondBridge, ".origins.json");
  }

  private Path file(String bondBridge) {
    return inside(bondBridge, ".checkpoint.json");
  }

  /**
   * The state file of a BondBridge, which must be a file directly in the state dir. Admission
   * already holds names to Kubernetes names; this is the second line, so that no name ({@code
   * ../../etc/x}, {@code /etc/x}) can make the agent write outside its directory.
   */
  private Path inside(String bondBridge, String suffix) {
    Path name = null;
    try {
      name = bondBridge == null ? null : dir.getFileSystem().getPath(bondBridge + suffix);
    } catch (InvalidPathException e) {
      // a NUL byte: refused below like any other name that is not one file name
    }
    if (bondBridge == null
        || bondBridge.isEmpty()
        || name == null
        || name.isAbsolute()
        || name.getNameCount() != 1
        || !name.toString().equals(bondBridge + suffix)) {
      throw new IllegalArgumentException(
          "BondBridge name \""
              + bondBridge
              + "\" would put its state outside "
              + dir
              + ": a name must be a single file name");
    }
    return dir.resolve(name);
  }
}
