/**
 * For testing code that embeds Firefly Auth: an IMS emulator ({@link dev.fireflyauth.testkit.ImsEmulator}) that
 * keeps state the way IMS does, and a JUnit 5 extension that starts it.
 */
package dev.fireflyauth.testkit;
