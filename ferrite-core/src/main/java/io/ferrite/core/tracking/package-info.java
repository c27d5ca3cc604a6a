/**
 * Server-assisted client-side caching (CLIENT TRACKING), as Redis 6+ does it: {@link io.ferrite.core.tracking.Tracking}
 * remembers which clients read which keys (default mode) or which prefixes they follow (BCAST), and sends them
 * {@code invalidate} messages when a key changes, expires, is evicted or the keyspace is flushed;
 * {@link io.ferrite.core.tracking.ClientTracking} is one client's tracking mode; {@link
 * io.ferrite.core.tracking.TrackingCommands} holds the CLIENT TRACKING / CACHING / GETREDIR / TRACKINGINFO handlers.
 *
 * <p>Invalidations travel as {@link io.ferrite.core.pubsub.Message}s through each session's message delivery, the
 * path pub/sub messages take: the network writes them as RESP3 pushes (or as pub/sub messages on
 * {@code __redis__:invalidate} for a RESP2 client that a tracking client redirects to); embedded sessions poll them.
 */
package io.ferrite.core.tracking;
