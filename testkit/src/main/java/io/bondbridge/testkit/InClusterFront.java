package io.bondbridge.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The mock API server as a pod sees the real one: HTTPS at a service address (a TLS front on
 * loopback, its certificate made by the JDK's keytool for 127.0.0.1), and a service account
 * directory to mount (token, ca.crt). An agent started with {@link #env()} takes the in-cluster
 * path, as in a DaemonSet pod.
 */
public final class InClusterFront implements AutoCloseable {
  private static final String PASS = "bondbridge";
  public static final String TOKEN = "in-cluster-token";
  private static byte[] keyStore;

  private final ServerSocket server;
  private final Path serviceAccount;
  private final Relay relay = new Relay("tls-front");

  private InClusterFront(ServerSocket server, Path serviceAccount) {
    this.server = server;
    this.serviceAccount = serviceAccount;
  }

  /** A front to {@code api} on a free loopback port, its service account under {@code dir}. */
  public static InClusterFront of(MockApiServer api, Path dir) throws IOException {
    Files.createDirectories(dir);
    Path keys = dir.resolve("front.p12");
    Files.write(keys, keyStore());
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(keys)) {
        ks.load(in, PASS.toCharArray());
      }
      Path sa = dir.resolve("serviceaccount");
      Files.createDirectories(sa);
      Files.writeString(sa.resolve("token"), TOKEN + "\n");
      String pem =
          "-----BEGIN CERTIFICATE-----\n"
              + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                  .encodeToString(ks.getCertificate("api").getEncoded())
              + "\n-----END CERTIFICATE-----\n";
      Files.writeString(sa.resolve("ca.crt"), pem);
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, PASS.toCharArray());
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(kmf.getKeyManagers(), null, null);
      ServerSocket s = tls.getServerSocketFactory().createServerSocket();
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      InClusterFront front = new InClusterFront(s, sa);
      front.relay.serve(s, api.port());
      return front;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up the TLS front: " + e, e);
    }
  }

  /**
   * The front's key pair and certificate, made once per JVM: keytool is a JVM of its own, slow to
   * start under the kernel VM's emulation, where one of its starts died of SIGILL in JIT-compiled
   * code. Such a death is retried once with the interpreter only.
   */
  private static synchronized byte[] keyStore() throws IOException {
    if (keyStore == null) {
      Path dir = Files.createTempDirectory("bondbridge-front");
      Path keys = dir.resolve("front.p12");
      try {
        keytool(keys, false);
      } catch (IOException e) {
        System.out.println(
            "InClusterFront: keytool again, interpreted only, after: " + e.getMessage());
        Files.deleteIfExists(keys);
        keytool(keys, true);
      }
      keyStore = Files.readAllBytes(keys);
      Files.delete(keys);
      Files.delete(dir);
    }
    return keyStore.clone();
  }

  private static void keytool(Path keys, boolean interpreted) throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    if (interpreted) {
      cmd.add("-J-Xint");
    }
    cmd.addAll(
        List.of(
            "-genkeypair",
            "-alias",
            "api",
            "-keyalg",
            "EC",
            "-dname",
            "CN=kubernetes",
            "-ext",
            "san=ip:127.0.0.1",
            "-validity",
            "2",
            "-storetype",
            "PKCS12",
            "-keystore",
            keys.toString(),
            "-storepass",
            PASS,
            "-keypass",
            PASS));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("keytool did not end in 60 s: " + out.strip());
      }
      if (p.exitValue() != 0) {
        throw new IOException("keytool failed (exit " + p.exitValue() + "): " + out.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** The environment of a pod: the service's address and where its service account is mounted. */
  public Map<String, String> env() {
    return Map.of(
        "KUBERNETES_SERVICE_HOST", "127.0.0.1",
        "KUBERNETES_SERVICE_PORT", Integer.toString(server.getLocalPort()),
        "BONDBRIDGE_SERVICE_ACCOUNT", serviceAccount.toString());
  }

  public Path serviceAccount() {
    return serviceAccount;
  }

  public int port() {
    return server.getLocalPort();
  }

  @Override
  public void close() {
    relay.stop();
  }
}
