/**
 * Connection and server commands (PING, HELLO, CLIENT, INFO, CONFIG, COMMAND, FLUSHALL ...), the client registry
 * and the server statistics.
 */
package io.ferrite.core.server;
