package dev.fireflyauth.internal;

import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.CredentialSourceException;
import dev.fireflyauth.CredentialsNotFoundException;
import dev.fireflyauth.FireflyAuthException;
import dev.fireflyauth.Locator;
import dev.fireflyauth.Setting;
import dev.fireflyauth.Settings;
import dev.fireflyauth.TimeSource;
import dev.fireflyauth.TraceEntry;
import dev.fireflyauth.TraceEntry.Outcome;
import dev.fireflyauth.TraceEntry.Stage;
import dev.fireflyauth.spi.CredentialSource;
import dev.fireflyauth.spi.SecretWriteBack;
import dev.fireflyauth.spi.SourceContext;
import dev.fireflyauth.spi.support.MissingDependency;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs credential sources in order until one delivers: the heart of {@code FireflyAuth.credentials()}.
 *
 * <p>The order is, first match wins: credentials given to the builder in code; locators given to the builder;
 * sources named to the builder; locators in {@code FIREFLY_CREDENTIALS}; every discovered source by
 * {@link CredentialSource#order()}. A source that is not configured is skipped with its reason; one that
 * throws stops the chain.
 */
public final class CredentialChain {

  /** One step of the chain: a source and, when the user named one, the locator that selected it (or null). */
  record Step(CredentialSource source, Locator locator) {}

  /** The outcome of a successful resolution: the credentials and the step that delivered them. */
  record Resolution(ClientCredentials credentials, Step step) {}

  /** The source name credentials given in code appear under in traces. */
  public static final String CODE_SOURCE = "code";

  private final List<CredentialSource> sources;
  private final List<TraceEntry> loadFailures;
  private final ClientCredentials given;
  private final List<String> explicitLocators;
  private final List<String> explicitNames;
  private final Settings settings;
  private final TimeSource time;
  private final Consumer<String> warnings;

  public CredentialChain(
      List<CredentialSource> sources,
      List<TraceEntry> loadFailures,
      ClientCredentials given,
      List<String> explicitLocators,
      List<String> explicitNames,
      Settings settings,
      TimeSource time,
      Consumer<String> warnings) {
    List<CredentialSource> sorted = new ArrayList<>(sources);
    sorted.sort(Comparator.comparingInt(CredentialSource::order).thenComparing(CredentialSource::name));
    this.sources = List.copyOf(sorted);
    this.loadFailures = List.copyOf(loadFailures);
    this.given = given;
    this.explicitLocators = List.copyOf(explicitLocators);
    this.explicitNames = List.copyOf(explicitNames);
    this.settings = settings;
    this.time = time;
    this.warnings = warnings;
  }

  /** The names of the sources found, in default order. */
  public List<String> sourceNames() {
    return sources.stream().map(CredentialSource::name).collect(Collectors.toList());
  }

  /**
   * Runs the chain, appending to {@code trace}.
   *
   * @throws CredentialsNotFoundException when no source delivered, with every reason
   * @throws ConfigurationException when the plan is malformed or a source is broken
   */
  public Resolution resolve(List<TraceEntry> traceOut) {
    Trace trace = new Trace();
    trace.addAll(loadFailures);
    try {
      List<Step> plan = plan();
      Optional<Resolution> r =
          ChainRunner.firstOf(plan, Stage.CREDENTIALS, "source", step -> step.source().name(), this::attempt, trace);
      if (r.isPresent()) {
        return r.get();
      }
      if (plan.isEmpty()) {
        throw new CredentialsNotFoundException(
            "no credential source found on the class path" + failedToLoad()
                + ": add firefly-auth-provider-env (environment variables), firefly-auth-provider-file (files)"
                + " or firefly-auth-provider-aws-secrets (AWS Secrets Manager), or give credentials in code with"
                + " FireflyAuth.builder().credentials(...)",
            trace.entries());
      }
      throw new CredentialsNotFoundException(
          "no Firefly credentials found. Tried: "
              + trace.summary()
              + ". Set "
              + Setting.CLIENT_ID.env()
              + " and "
              + Setting.CLIENT_SECRET.env()
              + ", or "
              + Setting.CREDENTIALS.env()
              + "=<locator>",
          trace.entries());
    } finally {
      traceOut.addAll(trace.entries());
    }
  }

  /** How the source of an earlier resolution would store a rotated secret; empty when it cannot. */
  public Optional<SecretWriteBack> writeBack(Resolution earlier) {
    Step step = earlier.step();
    return step.source().writeBack(contextFor(step, false));
  }

  /** The context of a load from {@code step}'s source again; {@code bypassCaches} after a rejection. */
  LoadContext contextFor(Step step, boolean bypassCaches) {
    return new LoadContext(settings, step.locator(), time, bypassCaches, warnings);
  }

  private Optional<Resolution> attempt(Step step, Trace trace) {
    String name = step.source().name();
    LoadContext ctx = new LoadContext(settings, step.locator(), time, false, warnings);
    Optional<ClientCredentials> c;
    try {
      c = load(step.source(), ctx);
    } catch (FireflyAuthException e) {
      trace.add(new TraceEntry(Stage.CREDENTIALS, name, Outcome.of(e), e.getMessage(), null, ctx.notes()));
      throw e;
    }
    if (c.isEmpty()) {
      trace.add(new TraceEntry(Stage.CREDENTIALS, name, Outcome.SKIPPED, ctx.reason(), null, ctx.notes()));
      return Optional.empty();
    }
    ClientCredentials cc = c.get();
    String what = "client ID " + cc.maskedClientId() + ", " + cc.secrets().size()
        + (cc.secrets().size() == 1 ? " secret" : " secrets");
    trace.add(new TraceEntry(Stage.CREDENTIALS, name, Outcome.USED, what, cc.origin(), ctx.notes()));
    return Optional.of(new Resolution(cc, step));
  }

  /** {@code source.load(ctx)}, with a provider's bug or missing dependency reported as that source being broken. */
  static Optional<ClientCredentials> load(CredentialSource source, LoadContext ctx) {
    try {
      return source.load(ctx);
    } catch (FireflyAuthException e) {
      throw e;
    } catch (RuntimeException e) {
      // A bug in a provider: report it as that source being broken, without echoing its message (it may
      // contain anything), and keep the cause for debugging.
      throw new CredentialSourceException(
          source.name(),
          "source '" + source.name() + "' failed unexpectedly with " + e.getClass().getName(),
          e);
    } catch (LinkageError e) {
      // Usually a dependency of the provider missing from the class path; the message is a class name.
      throw new CredentialSourceException(
          source.name(), MissingDependency.broken("source '" + source.name() + "'", e).getMessage(), e);
    }
  }

  private List<Step> plan() {
    if (given != null) {
      return List.of(new Step(new GivenSource(given), null));
    }
    if (!explicitLocators.isEmpty()) {
      return fromLocators(explicitLocators, "the builder");
    }
    if (!explicitNames.isEmpty()) {
      List<Step> steps = new ArrayList<>();
      for (String n : explicitNames) {
        CredentialSource s =
            sources.stream()
                .filter(src -> src.name().equals(n))
                .findFirst()
                .orElseThrow(() -> new ConfigurationException(
                    "no credential source named '" + n + "'" + known()));
        steps.add(new Step(s, null));
      }
      return steps;
    }
    Optional<Settings.Value> configured = settings.get(Setting.CREDENTIALS);
    if (configured.isPresent()) {
      List<String> locators = new ArrayList<>();
      for (String l : configured.get().value().split(",")) {
        if (!l.isBlank()) {
          locators.add(l.trim());
        }
      }
      return fromLocators(locators, configured.get().where());
    }
    List<Step> steps = new ArrayList<>();
    for (CredentialSource s : sources) {
      steps.add(new Step(s, null));
    }
    return steps;
  }

  private List<Step> fromLocators(List<String> texts, String where) {
    List<Step> steps = new ArrayList<>();
    for (String text : texts) {
      Locator locator;
      try {
        locator = Locator.parse(text);
      } catch (ConfigurationException e) {
        throw new ConfigurationException(e.getMessage() + ", read from " + where + known());
      }
      steps.add(new Step(sourceFor(locator, where), locator));
    }
    return steps;
  }

  private CredentialSource sourceFor(Locator locator, String where) {
    List<CredentialSource> accepting = new ArrayList<>();
    for (CredentialSource s : sources) {
      if (s.accepts(locator)) {
        accepting.add(s);
      }
    }
    if (accepting.isEmpty()) {
      throw new ConfigurationException(
          "no credential source accepts locator '" + locator + "' (read from " + where + ")" + known());
    }
    if (accepting.size() > 1) {
      throw new ConfigurationException(
          "several credential sources accept locator '" + locator + "': "
              + accepting.stream().map(s -> s.name() + " (" + s.getClass().getName() + ")")
                  .collect(Collectors.joining(", ")));
    }
    return accepting.get(0);
  }

  private String failedToLoad() {
    return loadFailures.isEmpty()
        ? ""
        : " (failed to load: " + loadFailures.stream().map(TraceEntry::name).collect(Collectors.joining(", ")) + ")";
  }

  /** Credentials given to the builder in code, as a one-step chain. */
  private record GivenSource(ClientCredentials credentials) implements CredentialSource {
    @Override
    public String name() {
      return CODE_SOURCE;
    }

    @Override
    public Optional<ClientCredentials> load(SourceContext context) {
      return Optional.of(credentials);
    }
  }

  private String known() {
    String names = sources.isEmpty() ? "none" : String.join(", ", sourceNames());
    String failed = loadFailures.isEmpty()
        ? ""
        : "; failed to load: "
            + loadFailures.stream().map(TraceEntry::name).collect(Collectors.joining(", "));
    return ". Known sources: " + names + failed;
  }
}
