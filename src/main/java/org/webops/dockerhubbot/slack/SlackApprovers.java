package org.webops.dockerhubbot.slack;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.conversations.ConversationsMembersResponse;
import com.slack.api.methods.response.usergroups.users.UsergroupsUsersListResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.webops.dockerhubbot.health.HealthCheck;
import org.webops.dockerhubbot.workflow.Approvers;
import org.webops.dockerhubbot.workflow.ApproversUnavailableException;

/**
 * Approvers are the members of {@code SLACK_APPROVER_GROUP}, or else of the approval channel,
 * once Slack has confirmed that channel is private ({@link #channelConfirmed}); until then nobody
 * is. The member list is cached briefly: it saves a Slack call per click, and a removal from the
 * group takes effect within a minute.
 */
public final class SlackApprovers implements Approvers, HealthCheck {
  private static final String KEY = "approvers";

  private final MethodsClient slack;
  private final Optional<String> userGroup;
  private final String approvalChannel;
  private final LoadingCache<String, Set<String>> members;
  /** Why channel members cannot approve yet; null once the channel is confirmed private. */
  private volatile String closedBecause;

  public SlackApprovers(MethodsClient slack, Optional<String> userGroup, String approvalChannel,
      Duration cacheFor) {
    this.slack = slack;
    this.userGroup = userGroup;
    this.approvalChannel = approvalChannel;
    this.members = Caffeine.newBuilder().expireAfterWrite(cacheFor).build(key -> load());
    this.closedBecause = userGroup.isPresent() ? null
        : "not yet confirmed that the approval channel is private";
  }

  @Override
  public boolean isApprover(String userId) {
    String closed = closedBecause;
    if (closed != null) {
      throw new ApproversUnavailableException("Nobody can approve right now: without an approver"
          + " group the bot must first confirm with Slack that the approval channel is private,"
          + " and it could not yet (" + closed + "). It asks again every minute; please try"
          + " again shortly.");
    }
    return members.get(KEY).contains(userId);
  }

  @Override
  public Optional<Boolean> isApproverIfKnown(String userId) {
    if (closedBecause != null) {
      return Optional.empty();
    }
    return Optional.ofNullable(members.getIfPresent(KEY)).map(set -> set.contains(userId));
  }

  /** Slack confirmed the approval channel is private: its members approve from now on. */
  public void channelConfirmed() {
    closedBecause = null;
  }

  /** Channel members may not approve, for this reason (shown on /health, never a secret). */
  public void channelUnconfirmed(String why) {
    if (userGroup.isEmpty()) {
      closedBecause = why;
    }
  }

  @Override
  public String name() {
    return "approvers";
  }

  @Override
  public HealthCheck.Status status() {
    String closed = closedBecause;
    return closed == null ? HealthCheck.Status.ok("ok") : HealthCheck.Status.failing(closed);
  }

  private Set<String> load() throws IOException, SlackApiException {
    if (userGroup.isPresent()) {
      UsergroupsUsersListResponse response =
          slack.usergroupsUsersList(r -> r.usergroup(userGroup.get()));
      if (!response.isOk()) {
        throw new SlackCallFailedException("usergroups.users.list", response.getError());
      }
      return Set.copyOf(response.getUsers());
    }
    Set<String> result = new HashSet<>();
    String cursor = null;
    do {
      String page = cursor;
      ConversationsMembersResponse response = slack.conversationsMembers(
          r -> r.channel(approvalChannel).limit(200).cursor(page));
      if (!response.isOk()) {
        throw new SlackCallFailedException("conversations.members", response.getError());
      }
      result.addAll(response.getMembers());
      cursor = response.getResponseMetadata() == null
          ? null : response.getResponseMetadata().getNextCursor();
    } while (cursor != null && !cursor.isEmpty());
    return Set.copyOf(result);
  }
}
