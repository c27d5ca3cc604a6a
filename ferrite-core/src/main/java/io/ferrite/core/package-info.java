/**
 * Ferrite's public surface: {@link io.ferrite.core.Ferrite} (the engine and its builder), {@link io.ferrite.core.Session}
 * (run commands, get {@link io.ferrite.core.Reply} objects), {@link io.ferrite.core.ReplySink} (how handlers describe
 * replies), {@link io.ferrite.core.Ticker} (injectable time), and the typed API: {@link io.ferrite.core.FerriteCommands}
 * (one method per command, from {@link io.ferrite.core.Ferrite#connect()}), its codecs
 * ({@link io.ferrite.core.RedisCodec}, {@link io.ferrite.core.StringCodec}, {@link io.ferrite.core.ByteArrayCodec}),
 * option builders ({@link io.ferrite.core.SetArgs} ...), result types ({@link io.ferrite.core.KeyValue},
 * {@link io.ferrite.core.ScoredValue}, {@link io.ferrite.core.KeyScanCursor}) and {@link io.ferrite.core.FerriteException}.
 */
package io.ferrite.core;
