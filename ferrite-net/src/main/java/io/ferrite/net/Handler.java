package io.ferrite.net;

/** What a selection key is attached to: the acceptor or a connection. Called on the key's loop thread. */
interface Handler {
    void ready(int readyOps);
}
