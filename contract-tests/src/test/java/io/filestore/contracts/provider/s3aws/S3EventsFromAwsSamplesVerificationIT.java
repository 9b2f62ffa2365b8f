package io.filestore.contracts.provider.s3aws;

import au.com.dius.pact.provider.PactVerifyProvider;
import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;
import io.filestore.contracts.MessageVerification;
import io.filestore.contracts.Pacticipants;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * S3 events in AWS's own shape (fixtures in aws-events/) verify the same contracts as the local
 * producer: what the functions expect is what AWS sends, not only what our emulator sends.
 */
@Provider(Pacticipants.S3)
@PactFolder("${pact.dir}")
class S3EventsFromAwsSamplesVerificationIT extends MessageVerification {
  private static String sample(String name) throws IOException {
    try (InputStream in = S3EventsFromAwsSamplesVerificationIT.class.getResourceAsStream("/aws-events/" + name)) {
      if (in == null) {
        throw new IOException("no AWS sample event aws-events/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @PactVerifyProvider("an ObjectCreated:Put of an uploaded file")
  public String put() throws IOException {
    return sample("object-created-put.json");
  }

  @PactVerifyProvider("an ObjectCreated:CompleteMultipartUpload of an uploaded file")
  public String multipart() throws IOException {
    return sample("object-created-multipart.json");
  }

  @PactVerifyProvider("a batch of ObjectCreated records")
  public String batch() throws IOException {
    return sample("object-created-batch.json");
  }

  @PactVerifyProvider("an ObjectCreated:Put of a key with spaces and non-ASCII characters")
  public String encodedKey() throws IOException {
    return sample("object-created-encoded-key.json");
  }

  @PactVerifyProvider("an ObjectRemoved:Delete of a stored file's object")
  public String delete() throws IOException {
    return sample("object-removed-delete.json");
  }
}
