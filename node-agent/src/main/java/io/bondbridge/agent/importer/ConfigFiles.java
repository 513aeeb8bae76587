package io.bondbridge.agent.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** How the readers find and read a host's configuration files. Reading only. */
final class ConfigFiles {
  private ConfigFiles() {}

  /** The regular files of {@code dir} matching the glob and the test, in name order. */
  static List<Path> in(Path dir, String glob, Predicate<String> name) {
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, glob)) {
      files.forEach(
          p -> {
            if (Files.isRegularFile(p) && name.test(p.getFileName().toString())) {
              found.add(p);
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    found.sort(null);
    return found;
  }

  /** These files, each directory among them replaced by its files of the glob. */
  static List<Path> expand(List<Path> paths, String glob, Predicate<String> name) {
    List<Path> files = new ArrayList<>();
    for (Path p : paths) {
      files.addAll(Files.isDirectory(p) ? in(p, glob, name) : List.of(p));
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no " + glob + " file in " + paths);
    }
    return files;
  }

  static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
