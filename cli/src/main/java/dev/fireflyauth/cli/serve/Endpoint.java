package dev.fireflyauth.cli.serve;

/**
 * One of the agent's paths: answers an authorised {@code GET}. The {@link Router} has already checked the path,
 * the method and, where needed, the agent token.
 */
interface Endpoint {
  Reply answer();
}
