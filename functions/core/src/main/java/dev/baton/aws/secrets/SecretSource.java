package dev.baton.aws.secrets;

/** Reads the current value of one kind of secret store. */
@FunctionalInterface
interface SecretSource {
  String fetch(SecretReference reference);
}
