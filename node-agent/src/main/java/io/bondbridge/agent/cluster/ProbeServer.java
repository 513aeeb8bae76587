package io.bondbridge.agent.cluster;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** One small HTTP port for the kubelet and Prometheus: /healthz, /readyz and /metrics. */
public final class ProbeServer implements AutoCloseable {
  private final HttpServer server;

  public ProbeServer(
      int port, BooleanSupplier alive, BooleanSupplier ready, Supplier<String> metrics)
      throws IOException {
    server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/healthz", ex -> answer(ex, alive.getAsBoolean(), "ok\n", "text/plain"));
    server.createContext(
        "/readyz", ex -> answer(ex, ready.getAsBoolean(), "ready\n", "text/plain"));
    server.createContext(
        "/metrics",
        ex -> answer(ex, true, metrics.get(), "text/plain; version=0.0.4; charset=utf-8"));
    server.setExecutor(Executors.newSingleThreadExecutor(r -> daemon(r)));
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "probe-http");
    t.setDaemon(true);
    return t;
  }

  public ProbeServer start() {
    server.start();
    return this;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void answer(HttpExchange ex, boolean ok, String body, String type)
      throws IOException {
    byte[] bytes = (ok ? body : "not " + body).getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(ok ? 200 : 503, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
