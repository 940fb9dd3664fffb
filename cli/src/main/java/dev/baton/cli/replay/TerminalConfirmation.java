package dev.baton.cli.replay;

import java.io.Console;
import java.lang.reflect.InvocationTargetException;
import java.util.Locale;

/**
 * A yes/no question on the terminal. Piped or empty standard input is not an answer: without a terminal the
 * question is not asked at all (scripts pass {@code --yes}).
 */
final class TerminalConfirmation implements Confirmation {
  @Override
  public Answer ask(String question) {
    Console console = System.console();
    if (console == null || !isTerminal(console)) {
      return Answer.NOT_A_TERMINAL;
    }
    String line = console.readLine("%s [y/N] ", question);
    if (line == null) {
      return Answer.NO;
    }
    String answer = line.strip().toLowerCase(Locale.ROOT);
    return answer.equals("y") || answer.equals("yes") ? Answer.YES : Answer.NO;
  }

  /**
   * From JDK 22 on, {@code System.console()} also returns a console when the standard streams are redirected, and
   * {@code Console.isTerminal()} (not in the Java 21 API this module compiles against) tells the two apart. On JDK 21
   * a console exists only for a terminal.
   */
  private static boolean isTerminal(Console console) {
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (IllegalAccessException | InvocationTargetException e) {
      return false;
    }
  }
}
