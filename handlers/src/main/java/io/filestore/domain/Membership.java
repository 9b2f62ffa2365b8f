package io.filestore.domain;

import java.time.Instant;

/** A principal's role in a collection, and who gave it. */
public record Membership(String collectionId, String principal, Role role, Instant addedAt, String addedBy) {}
