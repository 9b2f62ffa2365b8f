package io.filestore.functions;

import java.util.List;

/**
 * What an S3-triggered function did with each record of one event: its result as an invoker sees it.
 * Plain classes with getters, because the Lambda runtime serializes results with its own Jackson.
 */
public final class EventReport {
  private final List<RecordResult> results;

  public EventReport(List<RecordResult> results) {
    this.results = List.copyOf(results);
  }

  public int getProcessed() {
    return results.size();
  }

  public List<RecordResult> getResults() {
    return results;
  }

  /** One record's outcome; {@code fileId} is null when the key is not a Filestore file. */
  public static final class RecordResult {
    private final String eventName;
    private final String key;
    private final String fileId;
    private final String outcome;

    public RecordResult(String eventName, String key, String fileId, String outcome) {
      this.eventName = eventName;
      this.key = key;
      this.fileId = fileId;
      this.outcome = outcome;
    }

    public String getEventName() { return eventName; }
    public String getKey() { return key; }
    public String getFileId() { return fileId; }
    public String getOutcome() { return outcome; }
  }
}
