package org.webops.dockerhubbot.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.webops.dockerhubbot.secretlinks.SecretLinks;

/**
 * Opens a one-time link from a Slack message the way the page's script does: claims the
 * ciphertext and decrypts it with the key from the link's fragment.
 */
public final class OpenedLinks {
  private static final Pattern LINK = Pattern.compile("<(https?://[^|>]+/s/([A-Za-z0-9_-]{22})#([A-Za-z0-9_-]+))\\|");
  private static final ObjectMapper JSON = new ObjectMapper();

  private OpenedLinks() {}

  /** The payload (title, pipeline, fields, authSnippet) of the link in {@code messageText}. */
  public static JsonNode open(SecretLinks links, String messageText) {
    Matcher link = LINK.matcher(messageText);
    if (!link.find()) {
      throw new AssertionError("no one-time link in: " + messageText);
    }
    String id = link.group(2);
    byte[] key = Base64.getUrlDecoder().decode(link.group(3));
    SecretLinks.Claimed claimed = links.claim(id, "127.0.0.1")
        .orElseThrow(() -> new AssertionError("link " + id + " could not be claimed"));
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
          new GCMParameterSpec(128, Base64.getUrlDecoder().decode(claimed.iv())));
      cipher.updateAAD(("secret-link:" + id).getBytes(StandardCharsets.UTF_8));
      byte[] plain = cipher.doFinal(Base64.getUrlDecoder().decode(claimed.ciphertext()));
      return JSON.readTree(plain);
    } catch (Exception e) {
      throw new AssertionError("could not decrypt link " + id, e);
    }
  }

  /** What claiming the link in {@code messageText} gives now: empty once it is gone. */
  public static java.util.Optional<SecretLinks.Claimed> tryOpen(SecretLinks links,
      String messageText) {
    Matcher link = LINK.matcher(messageText);
    if (!link.find()) {
      throw new AssertionError("no one-time link in: " + messageText);
    }
    return links.claim(link.group(2), "127.0.0.1");
  }

  /** The value of the field with this label. */
  public static String field(JsonNode payload, String label) {
    for (JsonNode field : payload.path("fields")) {
      if (label.equals(field.path("label").asText())) {
        return field.path("value").asText();
      }
    }
    throw new AssertionError("no field " + label + " in " + payload.path("fields").findValuesAsText("label"));
  }
}
