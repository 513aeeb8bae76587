package io.bondbridge.agent.kube;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The few calls the node agent makes to the API server — get, list and watch one kind, create, JSON
 * and merge patch — on the JDK's HTTP client (HTTP/1.1) and one Jackson mapper. It stands in for
 * the fabric8 client in the agent's path: the agent's memory is mostly the classes it loads, and
 * the fabric8 client with its informers is ~700 of them (docs/benchmarks.md). The operator keeps
 * fabric8 and JOSDK.
 *
 * <p>Every request is bounded by the request timeout, and a watch by {@link ResourceWatch}'s
 * deadline.
 */
public final class ApiClient {
  /** The mapper of the agent's API objects: unknown fields are skipped, nulls left out. */
  public static final ObjectMapper JSON =
      new ObjectMapper()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  static final String JSON_PATCH = "application/json-patch+json";
  static final String MERGE_PATCH = "application/merge-patch+json";

  private final ApiEndpoint endpoint;
  private final HttpClient http;
  private final Duration requestTimeout;
  private final Consumer<String> requests;

  /**
   * @param requests told {@code METHOD uri} of every request before it is sent (a test's record;
   *     {@code r -> {}} otherwise)
   */
  public ApiClient(
      ApiEndpoint endpoint,
      Duration connectTimeout,
      Duration requestTimeout,
      Consumer<String> requests) {
    this.endpoint = Objects.requireNonNull(endpoint);
    this.requestTimeout = Objects.requireNonNull(requestTimeout);
    this.requests = Objects.requireNonNull(requests);
    HttpClient.Builder b =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout);
    if (endpoint.tls() != null) {
      b.sslContext(endpoint.tls());
    }
    http = b.build();
  }

  /**
   * The agent's client: fails fast (3 s to connect, 10 s an answer), as a slow API server must not
   * hold up the reading of link events; what failed is written again later.
   */
  public static ApiClient forAgent(ApiEndpoint endpoint) {
    return new ApiClient(endpoint, Duration.ofSeconds(3), Duration.ofSeconds(10), r -> {});
  }

  public URI server() {
    return endpoint.server();
  }

  /** GET {@code path}, read as {@code type}. */
  public <T> T get(String path, Map<String, String> query, Class<T> type) throws ApiException {
    return read(send(request(path, query).GET(), requestTimeout), type);
  }

  /** POST {@code body} to {@code path}: a create. */
  public void create(String path, Object body) throws ApiException {
    send(request(path, Map.of()).POST(json(body)).header("Content-Type", "application/json"));
  }

  /** A JSON patch (RFC 6902) of the object at {@code path}: {@code ops} are its operations. */
  public void jsonPatch(String path, Object ops) throws ApiException {
    patch(path, JSON_PATCH, ops);
  }

  /** A merge patch (RFC 7386) of the object at {@code path}. */
  public void mergePatch(String path, Object change) throws ApiException {
    patch(path, MERGE_PATCH, change);
  }

  private void patch(String path, String type, Object body) throws ApiException {
    send(request(path, Map.of()).method("PATCH", json(body)).header("Content-Type", type));
  }

  /**
   * Opens a watch ({@code watch=true} in {@code query}) over a WebSocket: its events, once the API
   * server took it. The caller closes it.
   */
  WatchStream watch(String path, Map<String, String> query) throws ApiException {
    URI uri = uri(path, query);
    URI ws = URI.create(uri.toString().replaceFirst("^http", "ws"));
    WatchStream stream = new WatchStream();
    WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(requestTimeout);
    try {
      String token = endpoint.token().get();
      if (token != null && !token.isEmpty()) {
        b.header("Authorization", "Bearer " + token);
      }
    } catch (UncheckedIOException e) {
      throw new ApiException("no token to send: " + e.getCause().getMessage(), e);
    }
    requests.accept("GET " + uri);
    try {
      stream.opened(b.buildAsync(ws, stream).get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS));
      return stream;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException h) {
        Object body = h.getResponse().body();
        throw refusal(h.getResponse().statusCode(), body == null ? "" : body.toString());
      }
      throw new ApiException("GET " + uri + " (watch): no answer", e.getCause());
    } catch (TimeoutException e) {
      throw new ApiException("GET " + uri + " (watch): no answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException("interrupted: GET " + uri, e);
    }
  }

  private HttpRequest.Builder request(String path, Map<String, String> query) {
    return HttpRequest.newBuilder(uri(path, query)).header("Accept", "application/json");
  }

  private URI uri(String path, Map<String, String> query) {
    String q = // in name order: a request reads the same in every log
        new TreeMap<>(query)
            .entrySet().stream()
                .map(
                    e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    return endpoint.server().resolve(q.isEmpty() ? path : path + "?" + q);
  }

  private String send(HttpRequest.Builder b) throws ApiException {
    return send(b, requestTimeout);
  }

  private String send(HttpRequest.Builder b, Duration timeout) throws ApiException {
    HttpResponse<String> response = exchange(b, timeout, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw refusal(response.statusCode(), response.body());
    }
    return response.body();
  }

  private <B> HttpResponse<B> exchange(
      HttpRequest.Builder b, Duration timeout, HttpResponse.BodyHandler<B> body)
      throws ApiException {
    HttpRequest request;
    try {
      String token = endpoint.token().get();
      if (token != null && !token.isEmpty()) {
        b.header("Authorization", "Bearer " + token);
      }
      request = b.timeout(timeout).build();
    } catch (UncheckedIOException e) {
      throw new ApiException("no token to send: " + e.getCause().getMessage(), e);
    }
    requests.accept(request.method() + " " + request.uri());
    try {
      return http.send(request, body);
    } catch (IOException e) {
      throw new ApiException(request.method() + " " + request.uri() + ": no answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException("interrupted: " + request.method() + " " + request.uri(), e);
    }
  }

  /** A refusal with the API server's own message (its Status object), else the body as it is. */
  private static ApiException refusal(int code, String body) {
    String message = body;
    try {
      JsonNode status = JSON.readTree(body);
      if (status.hasNonNull("message")) {
        message = status.get("message").asText();
      }
    } catch (IOException | RuntimeException e) {
      // not a Status: the body as it came
    }
    return new ApiException(code, message);
  }

  private static HttpRequest.BodyPublisher json(Object body) {
    try {
      return HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static <T> T read(String body, Class<T> type) throws ApiException {
    try {
      return JSON.readValue(body, type);
    } catch (IOException e) {
      throw new ApiException(200, "unreadable answer: " + e.getMessage());
    }
  }
}
