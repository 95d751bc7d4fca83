/**
 * Block Kit builders: the approval card, the App Home, the modals and the help message.
 *
 * <p>Evidence behind the rules every builder keeps (issue 11):
 *
 * <ol start="12">
 *   <li><b>Limits.</b> Slack's Block Kit reference: section text 3,000 characters, a field 2,000
 *       and at most 10 fields, a header 150, button text 75 and value 2,000, {@code block_id} and
 *       {@code action_id} 255, 50 blocks in a message and 100 in a view, and an input's
 *       {@code initial_value} within its {@code max_length}. Builders cut text with
 *       {@link org.webops.dockerhubbot.slack.blocks.SlackText} and fold long lists; the tests check
 *       every builder at the largest inputs the validator allows ({@code SlackLimitsTest}).
 *   <li><b>Fresh block ids.</b> Slack's {@code chat.update} guidance asks for a new
 *       {@code block_id} when a message is updated, or clients may keep stale element state.
 *       Message block ids carry the version the message shows ({@link
 *       org.webops.dockerhubbot.slack.blocks.BlockIds}): the card's status and progress counter,
 *       a hash of each App Home entry. Action ids stay stable for the listeners. Modal input block
 *       ids stay fixed, because {@code response_action: errors} and {@code state.values} are keyed
 *       by them.
 *   <li><b>Ephemeral messages are not unfurled.</b> {@code unfurl_links}/{@code unfurl_media} are
 *       arguments of {@code chat.postMessage} only (slackapi/node-slack-sdk#614); the one-time link
 *       is posted with {@code chat.postEphemeral} without them
 *       ({@link org.webops.dockerhubbot.secretlinks.SecretLinkMessenger}).
 * </ol>
 */
package org.webops.dockerhubbot.slack.blocks;
