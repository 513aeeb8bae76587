package io.bondbridge.helm;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * Runs a health script the way Argo CD does: the live object, as JSON turned into Lua tables, in
 * the global {@code obj}; the script returns {@code {status = ..., message = ...}}.
 */
final class ArgoHealth {
  static final Path DIR = Chart.DIR.resolve("argocd");

  record Result(String status, String message) {}

  private final String script;
  private final String name;

  private ArgoHealth(String name, String script) {
    this.name = name;
    this.script = script;
  }

  /** The script for a kind, e.g. bondbridge.io_BondBridge (argocd-cm key suffix). */
  static ArgoHealth of(String groupKind) {
    Path file = DIR.resolve(groupKind + ".lua");
    try {
      return new ArgoHealth(file.toString(), Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A Kubernetes object (fabric8 or API record types) serialized as the API server would. */
  Result of(Object resource) {
    JsonNode json = Serialization.jsonMapper().valueToTree(resource);
    Globals globals = JsePlatform.standardGlobals();
    globals.set("obj", lua(json));
    LuaValue result = globals.load(script, name).call();
    return new Result(
        result.get("status").optjstring(null), result.get("message").optjstring(null));
  }

  private static LuaValue lua(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return LuaValue.NIL;
    }
    if (node.isObject()) {
      LuaTable table = new LuaTable();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        table.set(field.getKey(), lua(field.getValue()));
      }
      return table;
    }
    if (node.isArray()) {
      LuaTable table = new LuaTable();
      for (int i = 0; i < node.size(); i++) {
        table.set(i + 1, lua(node.get(i)));
      }
      return table;
    }
    if (node.isBoolean()) {
      return LuaValue.valueOf(node.booleanValue());
    }
    if (node.isIntegralNumber()) {
      return LuaValue.valueOf(node.longValue());
    }
    if (node.isNumber()) {
      return LuaValue.valueOf(node.doubleValue());
    }
    return LuaValue.valueOf(node.asText());
  }
}
