package dev.fireflyauth.testkit;

import java.net.URI;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that runs one {@link ImsEmulator} per test class, with one client registered before the
 * first test:
 *
 * <pre>{@code
 * @RegisterExtension static ImsEmulatorExtension ims = new ImsEmulatorExtension();
 *
 * @Test void sendsAValidToken() { ... ims.tokenUrl() ... ims.client().clientId() ... }
 * @Test void orAsParameters(ImsEmulator emulator, RegisteredClient client, URI tokenUrl) { ... }
 * }</pre>
 *
 * <p>Why it exists: starting, stopping and wiring the emulator is the same in every test class; the extension
 * does it once, closes the emulator (and its threads) after the class, and injects {@link ImsEmulator},
 * {@link RegisteredClient} and the token {@link URI} into test methods and constructors. Register it on a
 * {@code static} field. {@code @Nested} classes share the outer class's emulator. JUnit is not a dependency
 * of the test kit's users: they bring their own.
 */
public final class ImsEmulatorExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
  private static final Set<Class<?>> INJECTED = Set.of(ImsEmulator.class, RegisteredClient.class, URI.class);

  private final ImsEmulator.Builder builder;
  private ImsEmulator emulator;
  private RegisteredClient client;
  private String owner;

  /** An extension whose emulator has the defaults of {@link ImsEmulator#start()}. */
  public ImsEmulatorExtension() {
    this(ImsEmulator.builder());
  }

  /** An extension whose emulator {@code builder} builds (for another token lifetime or clock). */
  public ImsEmulatorExtension(ImsEmulator.Builder builder) {
    this.builder = Objects.requireNonNull(builder, "builder");
  }

  /** The running emulator. */
  public synchronized ImsEmulator emulator() {
    if (emulator == null) {
      throw new IllegalStateException(
          "the IMS emulator is not running: register ImsEmulatorExtension with @RegisterExtension on a static"
              + " field, and use it only while the test class runs");
    }
    return emulator;
  }

  /** The emulator's token endpoint. */
  public URI tokenUrl() {
    return emulator().tokenUrl();
  }

  /** The client registered before the class's first test. */
  public synchronized RegisteredClient client() {
    emulator();
    return client;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    startFor(context);
  }

  /** Closes the emulator after the class that started it; a {@code @Nested} class leaves it running. */
  @Override
  public synchronized void afterAll(ExtensionContext context) {
    if (emulator != null && context.getUniqueId().equals(owner)) {
      emulator.close();
      emulator = null;
      client = null;
      owner = null;
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return INJECTED.contains(parameter.getParameter().getType());
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (context.getTestMethod().isEmpty()) {
      startFor(context); // a constructor under @TestInstance(PER_CLASS) is resolved before beforeAll
    }
    Class<?> type = parameter.getParameter().getType();
    if (type == ImsEmulator.class) {
      return emulator();
    }
    if (type == RegisteredClient.class) {
      return client();
    }
    if (type == URI.class) {
      return tokenUrl();
    }
    throw new ParameterResolutionException("ImsEmulatorExtension cannot inject " + type.getName());
  }

  private synchronized void startFor(ExtensionContext context) {
    if (emulator == null) {
      emulator = builder.build();
      client = emulator.registerClient();
      owner = context.getUniqueId();
    }
  }
}
