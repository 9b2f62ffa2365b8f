package io.filestore.domain;

/** No such collection, or the caller is not a member: the same answer, so membership never leaks. */
public final class CollectionNotFoundException extends RuntimeException {
  public CollectionNotFoundException(String id) {
    super("No collection " + id, null, false, false);
  }
}
