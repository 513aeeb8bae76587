package io.bondbridge.agent.safety;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** A connectivity check the node must still pass after a change. */
@JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, property = "probe")
@JsonSubTypes({
  @JsonSubTypes.Type(Probe.Gateway.class),
  @JsonSubTypes.Type(Probe.Ping.class),
  @JsonSubTypes.Type(Probe.Tcp.class)
})
public sealed interface Probe {

  /** What the probe checks, for status messages. */
  String describe();

  /**
   * The node's default gateways answer: IPv4's and, on a dual-stack node, IPv6's. Which gateway is
   * read from the host each time: after a change that sets a wrong gateway, it is the new (wrong)
   * one that must answer.
   */
  record Gateway() implements Probe {
    public String describe() {
      return "default gateway";
    }
  }

  /** A host answers ICMP echo. */
  record Ping(String address) implements Probe {
    public String describe() {
      return "ping " + address;
    }
  }

  /** A TCP port accepts a connection (the API server, or an extra target with a port). */
  record Tcp(String name, String host, int port) implements Probe {
    public String describe() {
      return name + " " + host + ":" + port;
    }
  }
}
