/**
 * Ferrite's public surface: {@link io.ferrite.core.Ferrite} (the engine and its builder), {@link io.ferrite.core.Session}
 * (run commands, get {@link io.ferrite.core.Reply} objects), {@link io.ferrite.core.ReplySink} (how handlers describe
 * replies) and {@link io.ferrite.core.Ticker} (injectable time).
 */
package io.ferrite.core;
