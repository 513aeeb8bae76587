package io.bondbridge.agent.observe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bondbridge.agent.host.BridgeVlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code bridge -j vlan show}: port name (the bridge's own name for the bridge itself) to
 * its VLANs, one entry per id. Pure. iproute2 prints a range as {@code vlan} plus {@code vlanEnd}
 * when asked to compress ({@code -c}) and one entry per id otherwise; both are read.
 */
public final class BridgeVlanJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private BridgeVlanJson() {}

  public static Map<String, List<BridgeVlan>> tables(String json) {
    Map<String, List<BridgeVlan>> tables = new LinkedHashMap<>();
    if (json == null || json.isBlank()) {
      return tables;
    }
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("bridge -j vlan show printed no JSON: " + e.getMessage());
    }
    for (JsonNode port : root) {
      List<BridgeVlan> vlans = new ArrayList<>();
      for (JsonNode vlan : port.path("vlans")) {
        boolean pvid = false;
        boolean untagged = false;
        for (JsonNode flag : vlan.path("flags")) {
          pvid |= "PVID".equals(flag.asText());
          untagged |= "Egress Untagged".equals(flag.asText());
        }
        int first = vlan.path("vlan").asInt();
        int last = vlan.path("vlanEnd").asInt(first);
        for (int id = first; id <= last; id++) {
          vlans.add(new BridgeVlan(id, pvid, untagged));
        }
      }
      tables.put(port.path("ifname").asText(), List.copyOf(vlans));
    }
    return tables;
  }
}
