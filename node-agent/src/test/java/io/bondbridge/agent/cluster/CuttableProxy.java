package io.bondbridge.agent.cluster;

import io.bondbridge.testkit.Relay;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * A TCP proxy in front of the mock API server whose cable can be pulled: {@link #cut()} drops every
 * connection (open watches included) and refuses new ones, as an API server outage looks to an
 * agent; {@link #restore()} listens again on the same port.
 */
final class CuttableProxy implements AutoCloseable {
  private final int targetPort;
  private final int port;
  private final Relay relay = new Relay("proxy");
  private volatile ServerSocket server;

  CuttableProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    ServerSocket s = listen(0);
    this.port = s.getLocalPort();
    accept(s);
  }

  int port() {
    return port;
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  private static ServerSocket listen(int port) throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    return s;
  }

  private void accept(ServerSocket s) {
    server = s;
    relay.serve(s, targetPort);
  }

  /** The API server becomes unreachable: connections drop, new ones are refused. */
  void cut() {
    close(server);
    relay.dropAll();
  }

  void restore() throws IOException {
    accept(listen(port));
  }

  private static void close(AutoCloseable c) {
    try {
      if (c != null) {
        c.close();
      }
    } catch (Exception e) {
      // already closed
    }
  }

  @Override
  public void close() {
    cut();
  }
}
