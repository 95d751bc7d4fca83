package org.webops.dockerhubbot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Start-up: validated configuration, then everything {@link Wiring} builds. */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 1 && args[0].equals("--cds-training")) {
      CdsTraining.run();
      return;
    }
    Config config;
    try {
      config = Config.fromEnvironment(System.getenv());
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    try {
      Wiring wiring = Wiring.start(config);
      Runtime.getRuntime().addShutdownHook(new Thread(wiring::close, "shutdown"));
    } catch (ConfigException e) {
      // What Slack says about the configuration, found at start-up (a public approval channel).
      System.err.println(e.getMessage());
      System.exit(2);
    } catch (RuntimeException e) {
      log.error("dockerhub-user-bot could not start: {}", e.getMessage(), e);
      System.exit(1);
    }
  }
}
