package org.webops.dockerhubbot.text;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Words for people with the few marks the bot uses: code, strong, a person, a time. The core says
 * what to stress; each edge renders it its own way (Slack mrkdwn, plain text for logs).
 */
public record Prose(List<Part> parts) {

  /** One run of words and how it is marked. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "k")
  @JsonSubTypes({
      @JsonSubTypes.Type(value = Plain.class, name = "plain"),
      @JsonSubTypes.Type(value = Code.class, name = "code"),
      @JsonSubTypes.Type(value = Strong.class, name = "strong"),
      @JsonSubTypes.Type(value = Person.class, name = "person")})
  public sealed interface Part {
    /** The words without marks. */
    String text();
  }

  public record Plain(String text) implements Part {}

  /** A name to be copied exactly: a Docker ID, a label, a variable. */
  public record Code(String text) implements Part {}

  /** A button or heading to find on the screen; may hold code. */
  public record Strong(Prose words) implements Part {
    @Override
    public String text() {
      return words.plain();
    }
  }

  /** A Slack user, by id; {@link #text()} is the id. */
  public record Person(String id) implements Part {
    @Override
    public String text() {
      return id;
    }
  }

  public Prose {
    parts = List.copyOf(parts);
  }

  /** Strings become plain words; parts stay as they are; prose is spliced in. */
  public static Prose of(Object... pieces) {
    List<Part> parts = new ArrayList<>();
    for (Object piece : pieces) {
      if (piece instanceof Part part) {
        parts.add(part);
      } else if (piece instanceof Prose prose) {
        parts.addAll(prose.parts());
      } else {
        parts.add(new Plain(String.valueOf(piece)));
      }
    }
    return new Prose(parts);
  }

  public static Code code(String text) {
    return new Code(text);
  }

  /** Strong words, made of these pieces ({@link #of}). */
  public static Strong strong(Object... pieces) {
    return new Strong(of(pieces));
  }

  public static Person person(String userId) {
    return new Person(userId);
  }

  /** The items with {@code separator} between them. */
  public static Prose join(String separator, List<?> items) {
    List<Object> pieces = new ArrayList<>();
    for (Object item : items) {
      if (!pieces.isEmpty()) {
        pieces.add(separator);
      }
      pieces.add(item);
    }
    return of(pieces.toArray());
  }

  /** This followed by more. */
  public Prose then(Object... more) {
    return of(this, of(more));
  }

  /** The words without marks (a person as their id), for logs and the audit trail. */
  public String plain() {
    return parts.stream().map(Part::text).collect(Collectors.joining());
  }

  public boolean isEmpty() {
    return parts.stream().allMatch(p -> p.text().isEmpty());
  }
}
