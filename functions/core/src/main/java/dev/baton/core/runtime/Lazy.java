package dev.baton.core.runtime;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A value built the first time it is asked for, once, whichever thread asks first (a lazy holder). Functions keep
 * what costs time at a cold start (SDK clients, their TLS set-up) in one, so an event that does not need it never
 * pays for it.
 */
public final class Lazy<T> implements Supplier<T> {
  private final Supplier<? extends T> build;
  private volatile T value;

  private Lazy(Supplier<? extends T> build) {
    this.build = Objects.requireNonNull(build, "build");
  }

  public static <T> Lazy<T> of(Supplier<? extends T> build) {
    return new Lazy<>(build);
  }

  /** The value, built now if this is the first call; a build that throws is tried again on the next call. */
  @Override
  public T get() {
    T v = value;
    if (v == null) {
      synchronized (this) {
        v = value;
        if (v == null) {
          v = Objects.requireNonNull(build.get(), "the lazy value's builder returned null");
          value = v;
        }
      }
    }
    return v;
  }

  public boolean isBuilt() {
    return value != null;
  }

  /** Runs {@code action} on the value if it was built; never builds it. */
  public void ifBuilt(Consumer<? super T> action) {
    T v = value;
    if (v != null) {
      action.accept(v);
    }
  }
}
