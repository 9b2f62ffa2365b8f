package io.filestore.domain;

/** The lifecycle of a file. Only PENDING, UPLOADED and STORED files are live (listed, downloadable). */
public enum FileState {
  PENDING,
  UPLOADED,
  STORED,
  EXPIRED,
  DELETED;

  public boolean isLive() {
    return this == PENDING || this == UPLOADED || this == STORED;
  }

  /** Files that expire when not stored in time. */
  public boolean isUnstored() {
    return this == PENDING || this == UPLOADED;
  }
}
