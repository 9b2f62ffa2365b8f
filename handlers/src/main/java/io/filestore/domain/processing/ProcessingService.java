package io.filestore.domain.processing;

import io.filestore.domain.FileNotFoundException;
import io.filestore.domain.FileRecord;
import io.filestore.domain.FileService;
import io.filestore.domain.FileState;
import io.filestore.domain.FileStateException;
import io.filestore.ports.FileRepository;
import io.filestore.ports.JobRepository;
import io.filestore.ports.Settings;
import java.util.Set;

/**
 * The processing operations of the API: the administrators' switch and reprocessing, and a file's job
 * history for whoever may read the file. The settings store is read only on these paths, never on uploads.
 */
public final class ProcessingService {
  /** The user-pool group whose members are administrators. */
  public static final String ADMIN_GROUP = "admins";
  public static final int HISTORY_LIMIT = 100;

  private final Settings settings;
  private final JobRepository jobs;
  private final FileRepository files;
  private final FileService fileService;
  private final JobQueue queue;

  public ProcessingService(Settings settings, JobRepository jobs, FileRepository files, FileService fileService, JobQueue queue) {
    this.settings = settings;
    this.jobs = jobs;
    this.files = files;
    this.fileService = fileService;
    this.queue = queue;
  }

  public ProcessingStatus status(String caller, Set<String> groups) {
    requireAdmin(caller, groups, "see processing");
    return new ProcessingStatus(settings.processing(), jobs.counts());
  }

  public ProcessingStatus setEnabled(String caller, Set<String> groups, boolean enabled) {
    requireAdmin(caller, groups, "turn processing on or off");
    settings.setProcessingEnabled(enabled);
    return new ProcessingStatus(settings.processing(), jobs.counts());
  }

  /** @throws FileNotFoundException, FileStateException (not UPLOADED or STORED), JobRunningException */
  public ProcessingJob reprocess(String caller, Set<String> groups, String fileId) {
    requireAdmin(caller, groups, "reprocess files");
    FileRecord file = files.find(fileId).orElseThrow(() -> new FileNotFoundException(fileId));
    if (file.state() != FileState.UPLOADED && file.state() != FileState.STORED) {
      throw new FileStateException(file.state(), "Only an UPLOADED or STORED file can be processed; this one is " + file.state());
    }
    return queue.requeue(fileId);
  }

  /** For whoever may read the file; an administrator may read any file's. */
  public JobHistory history(String caller, Set<String> groups, String fileId) {
    try {
      fileService.get(caller, fileId);
    } catch (FileNotFoundException e) {
      if (!isAdmin(caller, groups) || files.find(fileId).isEmpty()) {
        throw e;
      }
    }
    return new JobHistory(fileId, jobs.find(fileId).orElse(null), jobs.history(fileId, HISTORY_LIMIT));
  }

  private void requireAdmin(String caller, Set<String> groups, String what) {
    if (!isAdmin(caller, groups)) {
      throw new AdminRequiredException("Only administrators may " + what + ": members of the '" + ADMIN_GROUP
          + "' group, or principals listed in the admin-principals setting");
    }
  }

  private boolean isAdmin(String caller, Set<String> groups) {
    return groups.contains(ADMIN_GROUP) || settings.processing().adminPrincipals().contains(caller);
  }
}
