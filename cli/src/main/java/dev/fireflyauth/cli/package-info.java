/** The {@code firefly-auth} command: one class per verb, plus the shared output and exit-code rules. */
package dev.fireflyauth.cli;
