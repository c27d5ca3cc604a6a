/**
 * Runnable examples of Ferrite embedded in a JVM application, one {@code main} per scenario, each checking its
 * own results so that running it is a test: {@link io.ferrite.examples.TtlCacheExample} (a cache with expiry),
 * {@link io.ferrite.examples.CountersExample} (counters updated from many threads),
 * {@link io.ferrite.examples.SessionStoreExample} (web sessions in hashes), and
 * {@link io.ferrite.examples.FerriteExtension}, a JUnit 5 extension that gives each test a fresh engine.
 */
package io.ferrite.examples;
