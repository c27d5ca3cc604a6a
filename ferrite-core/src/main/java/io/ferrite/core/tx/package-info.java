/**
 * Transactions: MULTI/EXEC/DISCARD and optimistic locking with WATCH/UNWATCH.
 *
 * <p>A session's {@link io.ferrite.core.tx.Transaction} is changed only by the session's executing thread, except
 * for its "a watched key changed" flag, which writers set under the shard locks of the key they wrote. EXEC runs
 * holding every shard lock, so it sees that flag and the keyspace in one consistent state, and no other command
 * interleaves with the queued ones.
 */
package io.ferrite.core.tx;
