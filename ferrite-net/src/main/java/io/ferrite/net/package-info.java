/**
 * The RESP network listener. {@link io.ferrite.net.FerriteServer} serves an engine over TCP with a few
 * {@code EventLoop} threads, each owning a selector; every connection is a small {@code Connection} state machine
 * attached to its selection key, never a thread. Commands run inline on the loop that read them.
 * {@link io.ferrite.net.ServerMain} is the {@code bin/ferrite-server} launcher.
 */
package io.ferrite.net;
