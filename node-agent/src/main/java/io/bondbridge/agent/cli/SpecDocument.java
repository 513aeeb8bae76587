package io.bondbridge.agent.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * The one YAML document of a spec file, as a tree. Whatever the path holds — nothing, a directory,
 * /dev/zero, a binary, two documents — the answer is the tree or a one-line reason (exit 2).
 */
final class SpecDocument {
  /** Far above any real BondBridge (a few KiB), far below what could exhaust the heap. */
  static final int MAX_BYTES = 1024 * 1024;

  // Duplicate keys are an error, as for kubectl; Jackson would keep the last one silently.
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION));

  private SpecDocument() {}

  static JsonNode read(Path file) {
    return parse(file, decode(file, bytes(file)));
  }

  private static byte[] bytes(Path file) {
    if (Files.isDirectory(file)) {
      throw usage(file + " is a directory, not a BondBridge YAML file");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (NoSuchFileException e) {
      throw usage("cannot read " + file + ": no such file");
    } catch (AccessDeniedException e) {
      throw usage("cannot read " + file + ": permission denied");
    } catch (FileSystemException e) {
      throw usage("cannot read " + file + ": " + (e.getReason() != null ? e.getReason() : e));
    } catch (IOException e) {
      throw usage("cannot read " + file + ": " + e.getMessage());
    }
    if (bytes.length > MAX_BYTES) {
      throw usage(file + " is too large: a BondBridge file is at most 1 MiB");
    }
    return bytes;
  }

  private static String decode(Path file, byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw usage(file + " is not UTF-8 text, so not a BondBridge YAML file");
    }
  }

  private static JsonNode parse(Path file, String text) {
    JsonNode document = null;
    // Document by document: readValues would take a top-level list for a stream of documents.
    try (JsonParser parser = YAML.getFactory().createParser(text)) {
      while (parser.nextToken() != null) {
        JsonNode next = YAML.readTree(parser);
        if (next == null || next.isNull() || next.isMissingNode()) {
          continue; // an empty document, e.g. after a leading or trailing '---'
        }
        if (document != null) {
          throw usage(file + " holds more than one YAML document: give one BondBridge per file");
        }
        document = next;
      }
    } catch (JsonProcessingException e) {
      throw usage(file + " is not valid YAML: " + where(e));
    } catch (IOException | RuntimeException e) {
      if (e instanceof CliException cli) {
        throw cli;
      }
      throw usage(file + " is not valid YAML: " + rootMessage(e));
    }
    if (document == null) {
      throw usage(file + " is empty: it holds no BondBridge");
    }
    if (!document.isObject()) {
      throw usage(
          file
              + " is not a BondBridge: a YAML mapping (apiVersion, kind, metadata, spec) is needed");
    }
    return document;
  }

  private static String where(JsonProcessingException e) {
    // SnakeYAML's message spans lines: the context, an excerpt with a caret, the problem. Keep
    // the sentences (lines that start at column 0), on one line.
    String problem =
        e.getOriginalMessage()
            .lines()
            .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
            .map(String::strip)
            .collect(Collectors.joining(": "));
    JsonLocation at = e.getLocation();
    return at == null || at.getLineNr() < 1
        ? problem
        : problem + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
  }

  private static String rootMessage(Throwable e) {
    while (e.getCause() != null) {
      e = e.getCause();
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().findFirst().orElse("").strip();
  }

  private static CliException usage(String message) {
    return new CliException(CliException.USAGE, message);
  }
}
