/**
 * Publish/subscribe: channel, pattern and shard-channel subscriptions ({@link io.ferrite.core.pubsub.PubSub}), their
 * commands ({@link io.ferrite.core.pubsub.PubSubCommands}) and keyspace notifications.
 *
 * <p>Threading: PUBLISH runs on the publisher's thread and hands each {@link io.ferrite.core.pubsub.Message} to the
 * subscriber's {@link io.ferrite.core.Session#messageDelivery() delivery hook}; the network's hook enqueues it on the
 * subscriber's own event loop, so no thread ever writes to another client's connection.
 */
package io.ferrite.core.pubsub;
