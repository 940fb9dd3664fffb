package dev.baton.cli.replay;

/** Asks the person at the terminal before anything is replayed; {@link TerminalConfirmation} is the real one. */
interface Confirmation {
  enum Answer { YES, NO, NOT_A_TERMINAL }

  Answer ask(String question);
}
