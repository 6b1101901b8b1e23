package dev.fireflyauth.admin;

import dev.fireflyauth.ClientCredentials;
import dev.fireflyauth.ConfigurationException;
import dev.fireflyauth.FireflyAuthException;
import dev.fireflyauth.Locator;
import dev.fireflyauth.Setting;
import dev.fireflyauth.Settings;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Works out the Developer Console organisation and credential IDs, each on its own, in this order: a value
 * given in code; {@code FIREFLY_CONSOLE_ORG_ID} / {@code FIREFLY_CREDENTIAL_ID}; a Developer Console project
 * JSON ({@link ConsoleProjectFile}) — the one given in code or named by {@code FIREFLY_CONSOLE_PROJECT_FILE},
 * else the credentials file itself when it is such a project file (the file of a {@code firefly:file:} locator,
 * {@code FIREFLY_CREDENTIALS_FILE}, or the default {@code ~/.config/firefly/credentials.json}).
 *
 * <p>Why it exists: the IDs end up in a URL path, so they are checked here (digits for the org; letters,
 * digits, {@code -} and {@code _} for the credential), and an error says where each was read and where the
 * missing one can be found. Stateless.
 */
final class ConsoleIds {
  private static final Pattern ORG = Pattern.compile("\\d{1,32}");
  private static final Pattern CREDENTIAL = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  static final String DEFAULT_CREDENTIALS_FILE = ".config/firefly/credentials.json";

  /** What the builder was given; any field may be null. */
  record Given(String orgId, String credentialId, Path project, String locator) {}

  private ConsoleIds() {}

  /**
   * @throws ConfigurationException when an ID is missing or malformed, or a named project file does not deliver
   */
  static ConsoleCredential resolve(Given given, Settings settings, ClientCredentials credentials) {
    Found org = given.orgId() != null
        ? new Found(given.orgId(), "SecretsAdmin.builder().orgId(…)")
        : fromSetting(settings, SecretsAdmin.CONSOLE_ORG_ID);
    Found credential = given.credentialId() != null
        ? new Found(given.credentialId(), "SecretsAdmin.builder().credentialId(…)")
        : fromSetting(settings, SecretsAdmin.CREDENTIAL_ID);
    if (org == null || credential == null) {
      Optional<ConsoleProjectFile.Ids> ids = fromProject(given, settings, credentials);
      if (ids.isPresent()) {
        if (org == null && ids.get().orgId() != null) {
          org = new Found(ids.get().orgId(), "project.org.id in " + ids.get().from());
        }
        if (credential == null) {
          credential = new Found(ids.get().credentialId(),
              "project.workspace.details.credentials[].id in " + ids.get().from());
        }
      }
    }
    if (org == null) {
      throw missing("Developer Console org ID", SecretsAdmin.CONSOLE_ORG_ID,
          "the number after /console/projects/ in the Developer Console URL, or project.org.id in the project JSON");
    }
    if (credential == null) {
      throw missing("Developer Console credential ID", SecretsAdmin.CREDENTIAL_ID,
          "in the Developer Console URL of the credential's page, or the credential's id in"
              + " project.workspace.details.credentials of the project JSON");
    }
    checkOrg(org);
    if (!CREDENTIAL.matcher(credential.value()).matches()) {
      throw new ConfigurationException(credential.from() + " must be the Developer Console credential ID (1 to 64"
          + " letters, digits, '-' and '_'), but it is not");
    }
    return new ConsoleCredential(org.value(), org.from(), credential.value(), credential.from());
  }

  private record Found(String value, String from) {}

  private static Found fromSetting(Settings settings, Setting setting) {
    return settings.get(setting).map(v -> new Found(v.value(), v.where() + " (" + setting + ")")).orElse(null);
  }

  private static void checkOrg(Found org) {
    if (org.value().endsWith("@AdobeOrg")) {
      throw new ConfigurationException(org.from() + " must be the numeric Developer Console org ID (project.org.id"
          + " in the project JSON), but it ends in @AdobeOrg: that is the IMS org ID (project.org.ims_org_id)");
    }
    if (!ORG.matcher(org.value()).matches()) {
      throw new ConfigurationException(org.from() + " must be the numeric Developer Console org ID (project.org.id"
          + " in the project JSON), but it has characters other than digits");
    }
  }

  private static ConfigurationException missing(String what, Setting setting, String whereToFind) {
    return new ConfigurationException("the " + what + " of the credential is not known: set " + setting + " ("
        + whereToFind + "), or point " + SecretsAdmin.CONSOLE_PROJECT_FILE + " at the project JSON that Developer"
        + " Console downloads");
  }

  private static Optional<ConsoleProjectFile.Ids> fromProject(
      Given given, Settings settings, ClientCredentials credentials) {
    if (given.project() != null) {
      return ConsoleProjectFile.read(given.project().toAbsolutePath().normalize(),
          "SecretsAdmin.builder().consoleProject(…)", credentials, true);
    }
    Optional<Settings.Value> named = settings.get(SecretsAdmin.CONSOLE_PROJECT_FILE);
    if (named.isPresent()) {
      String from = named.get().where() + " (" + SecretsAdmin.CONSOLE_PROJECT_FILE + ")";
      return ConsoleProjectFile.read(path(named.get().value(), from, settings, true), from, credentials, true);
    }
    for (Map.Entry<Path, String> candidate : candidates(given.locator(), settings).entrySet()) {
      Optional<ConsoleProjectFile.Ids> ids =
          ConsoleProjectFile.read(candidate.getKey(), candidate.getValue(), credentials, false);
      if (ids.isPresent()) {
        return ids;
      }
    }
    return Optional.empty();
  }

  /** Files that may be a project file because credentials may have come from them, with where each was named. */
  private static Map<Path, String> candidates(String locator, Settings settings) {
    Map<Path, String> out = new LinkedHashMap<>();
    List<String> locators = new ArrayList<>();
    String locatorsFrom;
    if (locator != null) {
      locators.add(locator);
      locatorsFrom = "locator";
    } else {
      Optional<Settings.Value> chain = settings.get(Setting.CREDENTIALS);
      chain.ifPresent(v -> locators.addAll(List.of(v.value().split(","))));
      locatorsFrom = chain.map(Settings.Value::where).orElse("");
    }
    for (String text : locators) {
      try {
        Locator l = Locator.parse(text.strip());
        if (l.source().equals("file") && !l.part().isEmpty()) {
          add(out, path(l.part(), locatorsFrom, settings, false), locatorsFrom + " '" + l + "'");
        }
      } catch (FireflyAuthException | IllegalArgumentException e) {
        // a broken locator is the credential chain's to report
      }
    }
    settings.get(Setting.CREDENTIALS_FILE).ifPresent(v -> add(out, path(v.value(), v.where(), settings, false),
        v.where()));
    settings.property("user.home").ifPresent(home -> add(out,
        Paths.get(home.value()).resolve(DEFAULT_CREDENTIALS_FILE).toAbsolutePath().normalize(),
        "the default credentials file"));
    return out;
  }

  private static void add(Map<Path, String> out, Path path, String from) {
    if (path != null) {
      out.putIfAbsent(path, from);
    }
  }

  /** {@code text} as an absolute path ({@code ~/} is the home directory); null when it is not one and not required. */
  private static Path path(String text, String from, Settings settings, boolean required) {
    try {
      if (text.equals("~") || text.startsWith("~/")) {
        Optional<Settings.Value> home = settings.property("user.home");
        if (home.isEmpty()) {
          if (required) {
            throw new ConfigurationException("path '" + text + "' (" + from + ") starts with '~' but user.home is"
                + " not set");
          }
          return null;
        }
        return Paths.get(home.get().value()).resolve(text.substring(1).replaceFirst("^/+", ""))
            .toAbsolutePath().normalize();
      }
      return Paths.get(text).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      if (required) {
        throw new ConfigurationException("'" + text + "' (" + from + ") is not a valid path: " + e.getReason());
      }
      return null;
    }
  }
}
