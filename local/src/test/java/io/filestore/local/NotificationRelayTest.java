package io.filestore.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.filestore.emulators.S3Notifications;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NotificationRelayTest {
  private final S3Notifications notifications = new S3Notifications("us-east-1");

  private S3Notifications.Record record(int i) {
    return notifications.created("ObjectCreated:Put", "b", "uploads/" + i, 1, "e");
  }

  @Test
  void recordsThatArriveTogetherTravelInOneEventOfAtMostTen() throws Exception {
    List<List<S3Notifications.Record>> events = new CopyOnWriteArrayList<>();
    CountDownLatch first = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (NotificationRelay relay = new NotificationRelay(batch -> {
      events.add(batch);
      first.countDown();
      try {
        release.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    })) {
      relay.offer(record(0));
      first.await(5, TimeUnit.SECONDS);
      for (int i = 1; i <= 13; i++) {
        relay.offer(record(i));
      }
      release.countDown();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (events.stream().mapToInt(List::size).sum() < 14 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
    }
    assertEquals(List.of(1, 10, 3), events.stream().map(List::size).toList(), "queued while the first was delivered");
    assertEquals("uploads/13", events.get(2).get(2).key(), "in order");
  }

  @Test
  void closingDeliversWhatIsStillQueued() throws Exception {
    List<S3Notifications.Record> delivered = new CopyOnWriteArrayList<>();
    NotificationRelay relay = new NotificationRelay(delivered::addAll);
    for (int i = 0; i < 25; i++) {
      relay.offer(record(i));
    }
    relay.close();
    assertEquals(25, delivered.size());
  }
}
