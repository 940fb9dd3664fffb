package dev.baton.core.alerts;

import java.util.Objects;

/** The answer to claiming a delivery: it is ours to send now, or the stored entry says why not. */
public record Claim(boolean ours, Delivery delivery) {
  public Claim {
    Objects.requireNonNull(delivery, "delivery");
  }
}
