package io.bondbridge.agent.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.internal.SSLUtils;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Where the API server is and how to prove who the agent is: its URL, the bearer token of each
 * request (read anew, as it rotates), and the TLS context that trusts the cluster's CA (null for
 * plain http, e.g. {@code kubectl proxy} or a test's mock server).
 */
public record ApiEndpoint(URI server, Supplier<String> token, SSLContext tls) {
  /** Where the kubelet mounts a pod's service account. */
  public static final Path SERVICE_ACCOUNT =
      Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

  /** A plain endpoint: no token, no TLS (a test's mock server, {@code kubectl proxy}). */
  public static ApiEndpoint plain(URI server) {
    return new ApiEndpoint(server, () -> null, null);
  }

  /**
   * In a pod (KUBERNETES_SERVICE_HOST set, a service account mounted): the pod's own service
   * account, as client-go's in-cluster config. Elsewhere the kubeconfig (KUBECONFIG or
   * ~/.kube/config), read by fabric8's {@link Config}, which knows its every kind of credential: a
   * developer's way to run the agent, never a pod's.
   */
  public static ApiEndpoint fromEnvironment() throws IOException {
    Map<String, String> env = System.getenv();
    String host = env.get("KUBERNETES_SERVICE_HOST");
    String dir = env.get("BONDBRIDGE_SERVICE_ACCOUNT");
    Path account = dir == null || dir.isBlank() ? SERVICE_ACCOUNT : Path.of(dir);
    if (host != null && Files.isReadable(account.resolve("token"))) {
      return inPod(host, env.getOrDefault("KUBERNETES_SERVICE_PORT", "443"), account);
    }
    return fromKubeconfig();
  }

  /** The pod's service account in {@code dir} (token, ca.crt), the API server at host:port. */
  static ApiEndpoint inPod(String host, String port, Path dir) throws IOException {
    String h = host.contains(":") ? "[" + host + "]" : host; // an IPv6 service address
    return new ApiEndpoint(
        URI.create("https://" + h + ":" + port),
        new TokenFile(dir.resolve("token"), Clock.systemUTC()),
        trusting(dir.resolve("ca.crt")));
  }

  private static SSLContext trusting(Path caFile) throws IOException {
    try (InputStream in = Files.newInputStream(caFile)) {
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      int i = 0;
      for (Certificate ca : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        trusted.setCertificateEntry("ca-" + i++, ca);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trusted);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, tmf.getTrustManagers(), null);
      return tls;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read the cluster's CA " + caFile + ": " + e.getMessage(), e);
    }
  }

  static ApiEndpoint fromKubeconfig() throws IOException {
    Config config = Config.autoConfigure(null);
    URI server = URI.create(config.getMasterUrl());
    Supplier<String> token =
        () -> {
          if (config.getOauthTokenProvider() != null) {
            return config.getOauthTokenProvider().getToken();
          }
          return config.getOauthToken() != null
              ? config.getOauthToken()
              : config.getAutoOAuthToken();
        };
    if (!"https".equals(server.getScheme())) {
      return new ApiEndpoint(server, token, null);
    }
    try {
      return new ApiEndpoint(server, token, SSLUtils.sslContext(config));
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up TLS to " + server + ": " + e.getMessage(), e);
    }
  }

  /**
   * A projected service-account token: the kubelet rewrites it before it expires, so it is read
   * again once a minute (as client-go does), not once at start.
   */
  static final class TokenFile implements Supplier<String> {
    private static final Duration REREAD = Duration.ofMinutes(1);
    private final Path file;
    private final Clock clock;
    private String token;
    private Instant readAt = Instant.MIN;

    TokenFile(Path file, Clock clock) {
      this.file = file;
      this.clock = clock;
    }

    @Override
    public synchronized String get() {
      Instant now = clock.instant();
      if (token == null || now.isAfter(readAt.plus(REREAD))) {
        try {
          token = Files.readString(file, StandardCharsets.UTF_8).trim();
          readAt = now;
        } catch (IOException e) {
          // keep the last one: a token mid-rotation is still valid for a while
          if (token == null) {
            throw new java.io.UncheckedIOException(e);
          }
        }
      }
      return token;
    }
  }
}
