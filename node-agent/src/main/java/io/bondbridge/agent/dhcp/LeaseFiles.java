package io.bondbridge.agent.dhcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

/**
 * Where the agent's DHCP clients keep their files: under the agent's state dir (a hostPath in the
 * cluster, where / is read-only), one set per interface, so a restarted agent finds the lease of
 * the client before it. Interface names are at most 15 characters of the kernel's IFNAMSIZ and hold
 * no '/' (the CRD checks both), so they are safe file names.
 */
public record LeaseFiles(Path dir) {
  private static final String HOOK = "dhclient-hook";
  private static final String CONF = "dhclient.conf";

  public static LeaseFiles under(Path stateDir) {
    return new LeaseFiles(stateDir.resolve("dhcp"));
  }

  /** dhclient's own lease database (-lf): what it asks for again after a restart. */
  public Path leases(String device) {
    return dir.resolve(device + ".leases");
  }

  public Path pid(String device) {
    return dir.resolve(device + ".pid");
  }

  /** The hook's summary of the lease in effect, for status ({@link Lease#parse}). */
  public Path summary(String device) {
    return dir.resolve(device + ".lease");
  }

  /** The client's own output, appended: what it asked and was told. */
  public Path log(String device) {
    return dir.resolve(device + ".log");
  }

  public Path hook() {
    return dir.resolve(HOOK);
  }

  public Path conf() {
    return dir.resolve(CONF);
  }

  /** Writes the hook script and the configuration shipped in the jar, where they differ. */
  public void install() {
    try {
      Files.createDirectories(dir);
      copy(HOOK, hook());
      Files.setPosixFilePermissions(hook(), PosixFilePermissions.fromString("rwxr-xr-x"));
      copy(CONF, conf());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot install the DHCP client's files in " + dir, e);
    }
  }

  private static void copy(String resource, Path target) throws IOException {
    byte[] shipped;
    try (InputStream in = LeaseFiles.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException(resource + " is missing from the jar");
      }
      shipped = in.readAllBytes();
    }
    if (!Files.exists(target) || !Arrays.equals(Files.readAllBytes(target), shipped)) {
      Path temp = target.resolveSibling(target.getFileName() + ".tmp");
      Files.write(temp, shipped);
      Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
