package io.ferrite.core.acl;

/**
 * A user: a name and its current {@link Permissions}. Sessions authenticated as the user hold it and read its
 * permissions on every command; ACL SETUSER replaces them whole (volatile), so a command sees either the old or the
 * new set, never a mix.
 */
public final class User {
    private final String name;
    private volatile Permissions permissions;
    private volatile boolean deleted;

    User(String name, Permissions permissions) {
        this.name = name;
        this.permissions = permissions;
    }

    public String name() { return name; }
    public Permissions permissions() { return permissions; }
    void permissions(Permissions p) { this.permissions = p; }

    /** ACL DELUSER removed it: sessions still holding it are being disconnected. */
    public boolean deleted() { return deleted; }
    void markDeleted() { this.deleted = true; }
}
