/**
 * The set type (Redis's {@code t_set.c}): {@link io.ferrite.core.type.set.SetValue} with its three encodings
 * ({@code intset}, {@code listpack}, {@code hashtable}) converting one way at Redis's thresholds, and
 * {@link io.ferrite.core.type.set.SetCommands}, the S* commands as data plus their handlers.
 */
package io.ferrite.core.type.set;
