package io.filestore.domain;

import java.net.URL;
import java.time.Instant;
import java.util.Map;

/** A presigned PUT and the exact headers the client must send with it. */
public record UploadTicket(URL url, Map<String, String> headers, Instant expiresAt) {}
