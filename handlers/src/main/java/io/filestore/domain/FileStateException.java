package io.filestore.domain;

/** The file's state does not allow the operation; answered as 409 with the state. */
public final class FileStateException extends RuntimeException {
  private final FileState state;

  public FileStateException(FileState state, String message) {
    super(message, null, false, false);
    this.state = state;
  }

  public FileState state() {
    return state;
  }
}
