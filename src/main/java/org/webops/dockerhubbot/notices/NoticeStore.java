package org.webops.dockerhubbot.notices;

import java.time.Duration;
import java.util.List;

/**
 * The outbox as the relay sees it. Notices are mostly written by the stores inside the
 * transactions of the state changes that cause them. Leases use the
 * database's clock, so instances with different clocks agree.
 */
public interface NoticeStore {

  /**
   * Adds notices in a transaction of their own, for events whose cause is committed elsewhere
   * (a link claimed).
   */
  void add(List<Notice> notices);

  /**
   * Leases up to {@code limit} undelivered notices that are due, at most one per request and only
   * its oldest, so that a request's messages go out in order whichever instance sends them.
   */
  List<PendingNotice> claim(String owner, Duration leaseFor, int limit);

  void delivered(long id, String owner);

  /** Gives the notice back, to be tried again after {@code retryIn}. */
  void retryLater(long id, String owner, Duration retryIn);

  /** Drops every lease (start-up on an embedded database, where they are all dead ones). */
  void releaseAll();

  /** Deletes delivered notices older than {@code age}; returns how many. */
  int purgeDelivered(Duration age);
}
