package dev.baton.cli;

import dev.baton.local.LocalStack;
import java.io.PrintStream;

/** One story of the local demo. */
interface DemoStory {
  String title();

  void run(LocalStack stack, PrintStream out);
}
