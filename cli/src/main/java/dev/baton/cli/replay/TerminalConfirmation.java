package dev.baton.cli.replay;

import java.io.Console;
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
   * {@code System.console()} also returns a console when the standard streams are redirected (JDK 22 on);
   * {@code Console.isTerminal()} tells a terminal from a redirect.
   */
  private static boolean isTerminal(Console console) {
    return console.isTerminal();
  }

}
