/** The {@code env} credential source: environment variables and Java system properties. */
package dev.fireflyauth.env;
