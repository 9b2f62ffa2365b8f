package io.filestore.domain;

/** No such file for this caller; another caller's file is "not found" too, so existence never leaks. */
public final class FileNotFoundException extends RuntimeException {
  public FileNotFoundException(String id) {
    super("No file " + id, null, false, false);
  }
}
