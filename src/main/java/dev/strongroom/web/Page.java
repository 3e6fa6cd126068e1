package dev.strongroom.web;

import dev.strongroom.http.Roles;
import java.util.Set;
import java.util.TreeSet;

/**
 * What every page's frame needs: its title, which navigation entry is current, who is signed in
 * (empty when nobody is) and the CSRF token for its forms and scripts.
 */
public record Page(String title, String section, String user, Set<String> roles, String csrf) {

    public boolean signedIn() {
        return !user.isEmpty();
    }

    public boolean analyst() {
        return roles.contains(Roles.ANALYST);
    }

    public boolean auditor() {
        return roles.contains(Roles.AUDITOR);
    }

    public boolean ops() {
        return roles.contains(Roles.OPS);
    }

    public boolean admin() {
        return roles.contains(Roles.ADMIN);
    }

    public String roleList() {
        return String.join(", ", new TreeSet<>(roles));
    }

    public boolean current(String name) {
        return name.equals(section);
    }
}
