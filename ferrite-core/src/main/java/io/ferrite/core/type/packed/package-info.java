/**
 * Compact encodings shared by the collection types: {@link io.ferrite.core.type.packed.Listpack} packs a small
 * collection's elements into one byte array, as Redis's listpack does.
 */
package io.ferrite.core.type.packed;
