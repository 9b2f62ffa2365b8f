package io.filestore.ports;

import io.filestore.domain.DownloadLink;
import io.filestore.domain.ObjectFacts;
import io.filestore.domain.UploadTicket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The bucket: presigned transfers, so that no byte passes through the functions, plus head and delete. */
public interface ObjectStore {

  /**
   * A presigned PUT that signs the content type, the exact length, the metadata (already encoded as
   * header values), the checksum when given, and If-None-Match: * so an existing object cannot be replaced.
   */
  UploadTicket presignUpload(String key, String contentType, long size, Map<String, String> metadataHeaders,
      String checksumSha256, Duration ttl);

  DownloadLink presignDownload(String key, String contentType, String contentDisposition, Duration ttl);

  /** @return empty when there is no such object */
  Optional<ObjectFacts> head(String key);

  /** Deletes the object; deleting a missing object succeeds. */
  void delete(String key);
}
