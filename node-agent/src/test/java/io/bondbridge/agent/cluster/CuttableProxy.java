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

  CuttableProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    ServerSocket s = listen(0);
    this.port = s.getLocalPort();
    relay.serve(s, targetPort);
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

  /** The API server becomes unreachable: connections drop, new ones are refused. */
  void cut() {
    relay.stop();
  }

  void restore() throws IOException {
    relay.serve(listen(port), targetPort);
  }

  @Override
  public void close() {
    cut();
  }
}
