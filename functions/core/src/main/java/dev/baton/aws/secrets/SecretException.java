package dev.baton.aws.secrets;

/** A secret that could not be read or does not hold what it should. The message names the reference, never a value. */
public final class SecretException extends RuntimeException {
  public SecretException(String message) {
    super(message);
  }

  public SecretException(String message, Throwable cause) {
    super(message, cause);
  }
}
