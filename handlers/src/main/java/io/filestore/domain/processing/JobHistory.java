package io.filestore.domain.processing;

import java.util.List;

/** A file's current job (null before its first) and its latest attempts, newest first. */
public record JobHistory(String fileId, ProcessingJob job, List<Attempt> attempts) {}
