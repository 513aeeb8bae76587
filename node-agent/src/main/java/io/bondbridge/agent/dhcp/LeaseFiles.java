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
 * cluster, where / is read-only), one set per interface and family, so a restarted agent finds the
 * lease of the client before it. Interface names are at most 15 characters of the kernel's IFNAMSIZ
 * and hold no '/' (the CRD checks both), so they are safe file names.
 *
 * @param ipv6 the files of the DHCPv6 clients: the same names with a 6 after them
 */
public record LeaseFiles(Path dir, boolean ipv6) {
  private static final String HOOK = "dhclient-hook";
  private static final String CONF = "dhclient.conf";
  private static final String CONF6 = "dhclient6.conf";

  /** The DHCPv4 clients' files. */
  public static LeaseFiles under(Path stateDir) {
    return new LeaseFiles(stateDir.resolve("dhcp"), false);
  }

  /** The DHCPv6 clients' files, in the same directory. */
  public LeaseFiles forIpv6() {
    return new LeaseFiles(dir, true);
  }

  private Path file(String device, String kind) {
    return dir.resolve(device + kind + (ipv6 ? "6" : ""));
  }

  /** dhclient's own lease database (-lf): what it asks for again after a restart. */
  public Path leases(String device) {
    return file(device, ".leases");
  }

  public Path pid(String device) {
    return file(device, ".pid");
  }

  /** The kernel's index of the interface the client started on ({@link DhcpClients}). */
  public Path ifindex(String device) {
    return file(device, ".ifindex");
  }

  /** The hook's summary of the lease in effect, for status ({@link Lease#parse}). */
  public Path summary(String device) {
    return file(device, ".lease");
  }

  /** The client's own output, appended: what it asked and was told. */
  public Path log(String device) {
    return file(device, ".log");
  }

  public Path hook() {
    return dir.resolve(HOOK);
  }

  public Path conf() {
    return dir.resolve(ipv6 ? CONF6 : CONF);
  }

  /** Writes the hook script and the configurations shipped in the jar, where they differ. */
  public void install() {
    try {
      Files.createDirectories(dir);
      copy(HOOK, hook());
      Files.setPosixFilePermissions(hook(), PosixFilePermissions.fromString("rwxr-xr-x"));
      copy(CONF, dir.resolve(CONF));
      copy(CONF6, dir.resolve(CONF6));
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
