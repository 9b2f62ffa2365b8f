package io.filestore.domain.processing;

import java.util.Map;

/** What administrators see: the settings in force and how many files' jobs are in each state. */
public record ProcessingStatus(ProcessingSettings settings, Map<JobStatus, Long> counts) {}
