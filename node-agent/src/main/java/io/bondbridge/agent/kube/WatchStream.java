package io.bondbridge.agent.kube;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One watch's events as they come over its WebSocket (the way the fabric8 client watches, which the
 * API server and the fabric8 mock server both serve): each message is one JSON watch event, read by
 * the watch's thread with a deadline, so a connection that died silently cannot hold it.
 */
final class WatchStream implements WebSocket.Listener, AutoCloseable {
  private static final Object END = new Object();

  private final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
  private final StringBuilder text = new StringBuilder();
  private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
  private volatile WebSocket socket;

  void opened(WebSocket ws) {
    socket = ws;
  }

  /**
   * The next event, waiting at most {@code millis}; null when the API server ended the watch.
   *
   * @throws IOException the connection failed, or nothing came before the deadline
   */
  String next(long millis) throws IOException, InterruptedException {
    Object m = millis > 0 ? messages.poll(millis, TimeUnit.MILLISECONDS) : messages.poll();
    if (m == null) {
      throw new IOException("the watch is past its deadline without an end");
    }
    if (m == END) {
      return null;
    }
    if (m instanceof Throwable t) {
      throw new IOException("the watch's connection failed: " + t, t);
    }
    return (String) m;
  }

  @Override
  public void onOpen(WebSocket ws) {
    socket = ws;
    ws.request(1);
  }

  @Override
  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
    text.append(data);
    if (last) {
      messages.add(text.toString());
      text.setLength(0);
    }
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
    byte[] chunk = new byte[data.remaining()];
    data.get(chunk);
    binary.writeBytes(chunk);
    if (last) {
      messages.add(binary.toString(StandardCharsets.UTF_8));
      binary.reset();
    }
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
    messages.add(END);
    return null;
  }

  @Override
  public void onError(WebSocket ws, Throwable error) {
    messages.add(error);
  }

  @Override
  public void close() {
    WebSocket ws = socket;
    if (ws != null) {
      ws.abort();
    }
    messages.add(END);
  }
}
