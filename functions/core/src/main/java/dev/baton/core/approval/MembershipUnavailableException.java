package dev.baton.core.approval;

/** The chat service could not say whether someone is in a user group: nobody may be allowed on that basis. */
public final class MembershipUnavailableException extends RuntimeException {
  public MembershipUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
