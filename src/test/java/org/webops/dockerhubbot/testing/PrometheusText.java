package org.webops.dockerhubbot.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The samples of a scrape in the Prometheus text format, read the way Prometheus reads them. */
public final class PrometheusText {

  /** One line: {@code name{label="value",…} 1.0}. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  private final List<Sample> samples;

  private PrometheusText(List<Sample> samples) {
    this.samples = List.copyOf(samples);
  }

  public static PrometheusText parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        samples.add(sample(line));
      }
    }
    return new PrometheusText(samples);
  }

  public List<Sample> samples() {
    return samples;
  }

  /** The samples of this series name. */
  public List<Sample> named(String name) {
    return samples.stream().filter(s -> s.name().equals(name)).toList();
  }

  /** The value of the one sample of {@code name} with (at least) these labels. */
  public Optional<Double> value(String name, Map<String, String> labels) {
    return named(name).stream()
        .filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
        .map(Sample::value).reduce(Double::sum);
  }

  /** Every label value of every sample. */
  public List<String> labelValues() {
    return samples.stream().flatMap(s -> s.labels().values().stream()).toList();
  }

  private static Sample sample(String line) {
    int brace = line.indexOf('{');
    int space = line.indexOf(' ');
    if (brace < 0 || brace > space) {
      return new Sample(line.substring(0, space), Map.of(), number(line.substring(space + 1)));
    }
    String name = line.substring(0, brace);
    Map<String, String> labels = new LinkedHashMap<>();
    int at = brace + 1;
    while (line.charAt(at) != '}') {
      int equals = line.indexOf('=', at);
      String label = line.substring(at, equals);
      StringBuilder value = new StringBuilder();
      int i = equals + 2; // past ="
      for (; line.charAt(i) != '"'; i++) {
        char c = line.charAt(i);
        if (c == '\\') {
          char next = line.charAt(++i);
          value.append(next == 'n' ? '\n' : next);
        } else {
          value.append(c);
        }
      }
      labels.put(label, value.toString());
      at = i + 1;
      if (line.charAt(at) == ',') {
        at++;
      }
    }
    return new Sample(name, labels, number(line.substring(at + 2)));
  }

  private static double number(String text) {
    String value = text.trim().split(" ")[0];
    return switch (value) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(value);
    };
  }
}
