package io.filestore.functions;

import io.filestore.domain.processing.AdminRequiredException;
import io.filestore.domain.processing.JobRunningException;
import io.filestore.api.ApiProblem;
import io.filestore.domain.CollectionNotFoundException;
import io.filestore.domain.ContentTypeRefusedException;
import io.filestore.domain.CreatorConflictException;
import io.filestore.domain.FileNotFoundException;
import io.filestore.domain.FileStateException;
import io.filestore.domain.InvalidRequestException;
import io.filestore.domain.RoleRequiredException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Supplier;

/** Runs a domain operation for the API, turning each domain failure into its documented problem. */
final class DomainCalls {
  private DomainCalls() {}

  static <T> T call(Supplier<T> operation) {
    try {
      return operation.get();
    } catch (InvalidRequestException e) {
      throw ApiProblem.invalid(e.field(), e.getMessage());
    } catch (ContentTypeRefusedException e) {
      throw ApiProblem.contentTypeRefused("contentType", e.getMessage(), e.allowed());
    } catch (FileNotFoundException | CollectionNotFoundException e) {
      throw ApiProblem.notFound(e.getMessage());
    } catch (RoleRequiredException e) {
      throw ApiProblem.roleRequired(e.getMessage());
    } catch (CreatorConflictException e) {
      throw new ApiProblem(409, "creator-is-owner", "The creator stays an owner", e.getMessage(), null, null);
    } catch (AdminRequiredException e) {
      throw new ApiProblem(403, "admin-required", "Administrator required", e.getMessage(), null, null);
    } catch (JobRunningException e) {
      throw new ApiProblem(409, "job-running", "A job is running", e.getMessage(), null, null);
    } catch (FileStateException e) {
      throw ApiProblem.conflict(e.getMessage(), io.filestore.api.model.FileState.fromValue(e.state().name()));
    }
  }

  static void run(Runnable operation) {
    call(() -> {
      operation.run();
      return null;
    });
  }

  static OffsetDateTime time(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  static URI uri(String url) {
    try {
      return new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("The presigner made an invalid URL", e);
    }
  }
}
