/**
 * The hash type: {@link io.ferrite.core.type.hash.HashValue} with its two encodings (a packed listpack in
 * insertion order for small hashes, an open-addressing table for large ones) and the hash commands in
 * {@link io.ferrite.core.type.hash.HashCommands}.
 */
package io.ferrite.core.type.hash;
