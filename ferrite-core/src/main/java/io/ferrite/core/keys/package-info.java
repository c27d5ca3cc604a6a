/** Generic key commands: DEL, EXISTS, EXPIRE and friends, KEYS, SCAN, RENAME, COPY, MOVE, OBJECT, TYPE ... */
package io.ferrite.core.keys;
