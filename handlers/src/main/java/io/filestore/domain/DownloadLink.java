package io.filestore.domain;

import java.net.URL;
import java.time.Instant;

/** A presigned GET. */
public record DownloadLink(URL url, Instant expiresAt) {}
