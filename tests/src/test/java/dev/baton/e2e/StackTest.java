package dev.baton.e2e;

import dev.baton.local.LocalStack;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * End-to-end tests share one {@link LocalStack} (dynalite, WireMock, the functions run from their packaged zips) per
 * test class, and give every test a table of its own, so no test sees another's records.
 */
abstract class StackTest {
  private static final AtomicInteger TABLES = new AtomicInteger();
  static LocalStack stack;

  @BeforeAll
  static void startStack() {
    stack = LocalStack.start();
  }

  @AfterAll
  static void stopStack() {
    stack.close();
  }

  /**
   * Forgets WireMock's stubs and requests (and the EventBridge stand-in's) and creates a new, empty table with the
   * template's schema.
   */
  static String freshTable(String prefix) {
    stack.wiremock().resetAll();
    stack.resetEventBridge();
    String table = prefix + "-" + TABLES.incrementAndGet();
    stack.createTable("Table", table);
    return table;
  }
}
