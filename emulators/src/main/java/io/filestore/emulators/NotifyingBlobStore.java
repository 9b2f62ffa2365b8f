package io.filestore.emulators;

import java.io.InputStream;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * Wraps S3Proxy's store and announces each successful change as an S3 notification, after the
 * request completes and on another thread, as S3 does.
 */
final class NotifyingBlobStore extends ForwardingBlobStore {
  /** S3Proxy's own bookkeeping objects for multipart uploads. */
  private static final String MPU_STUB_PREFIX = ".s3proxy-mpu-stub-";

  private final S3Notifications notifications;
  private final Consumer<S3Notifications.Record> sink;
  private final Executor executor;

  NotifyingBlobStore(BlobStore delegate, S3Notifications notifications, Consumer<S3Notifications.Record> sink,
      Executor executor) {
    super(delegate);
    this.notifications = notifications;
    this.sink = sink;
    this.executor = executor;
  }

  @Override
  public PutObjectResponse putBlob(PutObjectRequest request, InputStream payload) {
    PutObjectResponse response = super.putBlob(request, payload);
    created("ObjectCreated:Put", request.bucket(), request.key());
    return response;
  }

  @Override
  public CopyObjectResponse copyBlob(CopyObjectRequest request) {
    CopyObjectResponse response = super.copyBlob(request);
    created("ObjectCreated:Copy", request.destinationBucket(), request.destinationKey());
    return response;
  }

  @Override
  public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload mpu, CompleteMultipartUploadRequest request) {
    CompleteMultipartUploadResponse response = super.completeMultipartUpload(mpu, request);
    created("ObjectCreated:CompleteMultipartUpload", mpu.containerName(), mpu.blobName());
    return response;
  }

  @Override
  public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
    DeleteObjectResponse response = super.removeBlob(request);
    if (!request.key().startsWith(MPU_STUB_PREFIX)) {
      emit(notifications.removed("ObjectRemoved:Delete", request.bucket(), request.key()));
    }
    return response;
  }

  private void created(String eventName, String bucket, String key) {
    if (key.startsWith(MPU_STUB_PREFIX)) {
      return;
    }
    HeadObjectResponse head = delegate().blobMetadata(bucket, key);
    String eTag = head.eTag() == null ? null : head.eTag().replace("\"", "");
    emit(notifications.created(eventName, bucket, key, head.contentLength(), eTag));
  }

  private void emit(S3Notifications.Record record) {
    executor.execute(() -> sink.accept(record));
  }
}
