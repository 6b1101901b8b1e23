/**
 * Not API: how {@code FireflyAuth} discovers providers, runs the chains and resolves credentials. Not exported
 * by the module; may change in any release.
 */
package dev.fireflyauth.internal;
