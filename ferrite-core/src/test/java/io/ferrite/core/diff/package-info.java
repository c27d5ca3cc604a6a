/**
 * The differential harness, Ferrite's compatibility oracle: the same commands run against an embedded engine and a
 * real {@code redis-server} ({@link io.ferrite.core.diff.RedisServerProcess}), replies compared exactly in RESP2
 * and RESP3. {@link io.ferrite.core.diff.CorpusTest} replays the scripted corpus ({@code src/test/resources/diff});
 * {@link io.ferrite.core.diff.RandomDifferentialTest} replays seeded random sequences and shrinks any mismatch to
 * a minimal reproduction; {@link io.ferrite.core.diff.CommandTableConformanceTest} compares the command table
 * with Redis's {@code COMMAND INFO}; {@link io.ferrite.core.diff.KeyspaceEventsTest} compares the keyspace
 * notifications the corpus causes, and {@link io.ferrite.core.diff.WatchTest} which writes abort a watching EXEC.
 */
package io.ferrite.core.diff;
