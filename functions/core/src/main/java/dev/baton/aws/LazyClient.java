package dev.baton.aws;

import dev.baton.core.runtime.Lazy;
import dev.baton.core.runtime.Priming;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The base of Baton's lazy SDK clients: a service client that builds the real one on its first call, so a function
 * whose event needs no call to that service (a refused request, an alert with nothing to look up) never pays for
 * building it. A subclass implements the service's client interface and passes the operations Baton uses to
 * {@link #client()}; {@code LazyClientsTest} checks that every operation Baton's code calls is among them. Where
 * priming runs (SnapStart, provisioned concurrency), the real client is built after it, before any request
 * ({@link Priming#ahead}); building makes no call.
 */
public abstract class LazyClient<C extends SdkClient> implements SdkAutoCloseable {
  private final String serviceName;
  private final Lazy<C> client;

  protected LazyClient(String serviceName, Supplier<C> build) {
    this.serviceName = serviceName;
    this.client = Lazy.of(build);
    Priming.ahead(serviceName, client::get);
  }

  /** The service's name (the client interface's {@code SERVICE_NAME}); builds nothing. */
  public final String serviceName() {
    return serviceName;
  }

  /** The real client, built now if this is the first call. */
  protected final C client() {
    return client.get();
  }

  public final boolean isBuilt() {
    return client.isBuilt();
  }

  /** Closes the real client if it was built (building one to close it would be waste). */
  @Override
  public final void close() {
    client.ifBuilt(SdkAutoCloseable::close);
  }
}
