package dev.baton.cli;

import java.io.PrintStream;
import java.util.List;

/** Plain-text tables for the reader commands: columns as wide as their widest cell, two spaces apart. */
public final class TextTable {
  private TextTable() {}

  /** Prints {@code rows} (the first is the header) with each line starting with {@code indent}. */
  public static void table(PrintStream out, List<String[]> rows, String indent) {
    int[] widths = new int[rows.getFirst().length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        widths[i] = Math.max(widths[i], r[i].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder sb = new StringBuilder(indent);
      for (int i = 0; i < r.length; i++) {
        sb.append(i == r.length - 1 ? r[i] : String.format("%-" + widths[i] + "s  ", r[i]));
      }
      out.println(sb.toString().stripTrailing());
    }
  }

  /** {@code s} shortened to {@code max} characters, with an ellipsis when cut. */
  public static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
