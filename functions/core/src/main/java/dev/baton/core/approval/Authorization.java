package dev.baton.core.approval;

import java.util.Objects;

/**
 * Whether someone may decide an approval: allowed, refused (and why), or not known now (and why): Baton could not
 * check, so it does not allow, but trying again later may succeed.
 */
public record Authorization(Verdict verdict, String reason) {
  /** The three answers. */
  public enum Verdict { ALLOWED, REFUSED, UNCHECKED }

  private static final Authorization ALLOWED = new Authorization(Verdict.ALLOWED, "");

  public Authorization {
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(reason, "reason");
  }

  public static Authorization allowed() {
    return ALLOWED;
  }

  public static Authorization refused(String reason) {
    return new Authorization(Verdict.REFUSED, reason);
  }

  public static Authorization unchecked(String reason) {
    return new Authorization(Verdict.UNCHECKED, reason);
  }

  public boolean isAllowed() {
    return verdict == Verdict.ALLOWED;
  }
}
