/** The {@code process} credential source: credentials printed by a command, run without a shell. */
package dev.fireflyauth.process;
