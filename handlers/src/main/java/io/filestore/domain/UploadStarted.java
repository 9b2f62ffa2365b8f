package io.filestore.domain;

/** A new PENDING file and its upload ticket. */
public record UploadStarted(FileRecord file, UploadTicket ticket) {}
