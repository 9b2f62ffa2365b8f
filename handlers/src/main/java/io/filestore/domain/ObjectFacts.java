package io.filestore.domain;

import java.util.Map;

/** What S3 reports about a stored object (HeadObject). */
public record ObjectFacts(long size, String contentType, String etag, Map<String, String> metadata) {}
