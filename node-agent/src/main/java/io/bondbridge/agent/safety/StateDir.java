package io.bondbridge.agent.safety;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bondbridge.agent.plan.Origins;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Checkpoints on the host's disk ({@code /var/lib/bondbridge}, a hostPath in the cluster), one file
 * per BondBridge. Written to a temporary file, synced and renamed, so a crash leaves either the old
 * or the new checkpoint, never half of one.
 */
public final class StateDir {
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
