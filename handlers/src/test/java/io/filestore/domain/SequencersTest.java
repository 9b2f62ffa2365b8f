package io.filestore.domain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SequencersTest {

  @Test
  void comparesAfterRightPadding() {
    assertTrue(Sequencers.isNewer("0055AED6DCD90281E6", "0055AED6DCD90281E5"));
    assertFalse(Sequencers.isNewer("0055AED6DCD90281E5", "0055AED6DCD90281E6"));
    assertTrue(Sequencers.isNewer("0055AED6DCD90281E5A", "0055AED6DCD90281E5"), "longer with the same prefix is later");
    assertFalse(Sequencers.isNewer("0055AED6DCD90281E5", "0055AED6DCD90281E50"), "padding with zeros makes them equal");
    assertFalse(Sequencers.isNewer("0055aed6dcd90281e5", "0055AED6DCD90281E5"), "case does not matter");
  }

  @Test
  void missingValues() {
    assertTrue(Sequencers.isNewer("01", null));
    assertTrue(Sequencers.isNewer(null, null));
    assertFalse(Sequencers.isNewer(null, "01"));
  }
}
