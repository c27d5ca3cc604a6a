/**
 * The list type: {@link io.ferrite.core.type.list.ListValue} with its two encodings (a packed listpack for small
 * lists, a quicklist of listpack nodes for large ones) and the list commands in {@link io.ferrite.core.type.list.ListCommands}.
 */
package io.ferrite.core.type.list;
