package io.filestore.domain;

/** The creator of a collection always stays an owner, so that a collection never loses its last owner. */
public final class CreatorConflictException extends RuntimeException {
  public CreatorConflictException() {
    super("The collection's creator cannot be removed or given another role", null, false, false);
  }
}
