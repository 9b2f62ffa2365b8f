package io.filestore.local;

import io.filestore.emulators.S3Notifications;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Carries S3 notifications to the functions asynchronously, as S3 does, and batches the records that
 * arrive together into one event (S3's event shape is a list of records; consumers must handle more
 * than one). On close it delivers what is still queued, so a clean stop loses no notification.
 */
final class NotificationRelay implements AutoCloseable {
  static final int MAX_BATCH = 10;
  private static final long WINDOW_MS = 20;
  private static final long DRAIN_MS = 800;

  private final LinkedBlockingQueue<S3Notifications.Record> queue = new LinkedBlockingQueue<>();
  private final Consumer<List<S3Notifications.Record>> deliver;
  private final Thread thread;
  private volatile boolean closing;

  NotificationRelay(Consumer<List<S3Notifications.Record>> deliver) {
    this.deliver = deliver;
    this.thread = new Thread(this::run, "s3-notifications");
    thread.setDaemon(true);
    thread.start();
  }

  void offer(S3Notifications.Record record) {
    queue.add(record);
  }

  private void run() {
    while (!closing) {
      try {
        S3Notifications.Record first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        List<S3Notifications.Record> batch = new ArrayList<>(List.of(first));
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WINDOW_MS);
        while (batch.size() < MAX_BATCH) {
          S3Notifications.Record next = queue.poll(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
          if (next == null) {
            break;
          }
          batch.add(next);
        }
        deliver.accept(batch);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    closing = true;
    thread.join(1000);
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MS);
    List<S3Notifications.Record> rest = new ArrayList<>();
    while (System.nanoTime() < until && queue.drainTo(rest, MAX_BATCH) > 0) {
      deliver.accept(rest);
      rest = new ArrayList<>();
    }
    if (!queue.isEmpty()) {
      LocalStack.log(queue.size() + " S3 notifications were not delivered before the stop");
    }
  }
}
