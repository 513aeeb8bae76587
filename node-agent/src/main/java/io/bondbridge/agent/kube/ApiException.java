package io.bondbridge.agent.kube;

/**
 * The API server refused a request ({@link #code()} its HTTP status), or no answer came ({@link
 * #code()} 0: connection refused, timed out, cut).
 */
public final class ApiException extends Exception {
  private final int code;

  ApiException(int code, String message) {
    super(message);
    this.code = code;
  }

  ApiException(String message, Throwable cause) {
    super(message, cause);
    this.code = 0;
  }

  /** The HTTP status of the refusal, or 0 when the API server did not answer. */
  public int code() {
    return code;
  }

  /** How it reads in the agent's log: {@code HTTP 409 ...}, or the root cause of no answer. */
  public String brief() {
    if (code > 0) {
      return "HTTP " + code + " " + getMessage();
    }
    Throwable cause = this;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause == this ? getMessage() : cause.toString();
  }
}
