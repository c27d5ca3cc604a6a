package io.ferrite.core.command;

import java.util.Locale;

/** Redis's ACL categories, as COMMAND INFO names them ({@code @keyspace}, ...). */
public enum AclCategory {
    KEYSPACE, READ, WRITE, SET, SORTEDSET, LIST, HASH, STRING, BITMAP, HYPERLOGLOG, GEO, STREAM, PUBSUB, ADMIN,
    FAST, SLOW, BLOCKING, DANGEROUS, CONNECTION, TRANSACTION, SCRIPTING;

    private final String wireName = "@" + name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }
}
