package com.example.hotline.web;

import com.example.hotline.auth.Authenticator;
import com.example.hotline.auth.PasswordHasher;
import com.example.hotline.auth.Sessions;
import com.example.hotline.auth.User;
import com.example.hotline.auth.UserAccounts;
import com.example.hotline.auth.UserAccounts.Account;
import com.example.hotline.ticket.NotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The administrator's user management: {@code GET /api/users}, {@code POST /api/users}
 * {@code {username, password, role, extension?, departments?, buildings?}} (201),
 * {@code PUT /api/users/{id}} (fields to change: {@code role, extension, departments, buildings,
 * active}) and {@code PUT /api/users/{id}/password} {@code {password}}. Register with
 * {@link Access#roles} for admins. A change signs the user out everywhere. Thread-safe.
 */
public final class UsersHandler {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern EXTENSION = Pattern.compile("[0-9]{2,8}");
    private static final Pattern PLACE = Pattern.compile("[\\p{L}\\p{N} ._-]{1,40}");
    private static final int MIN_PASSWORD = 8;

    private final UserAccounts accounts;
    private final Authenticator authenticator;
    private final Sessions sessions;

    public UsersHandler(UserAccounts accounts, Authenticator authenticator, Sessions sessions) {
        this.accounts = accounts;
        this.authenticator = authenticator;
        this.sessions = sessions;
    }

    /** Adds the routes, admins only. */
    public void register(Router router) {
        router.add("GET", "/api/users", admins(this::list))
                .add("POST", "/api/users", admins(this::create))
                .add("PUT", "/api/users/{id}", admins(this::update))
                .add("PUT", "/api/users/{id}/password", admins(this::password));
    }

    private static Handler admins(Handler h) {
        return Access.roles(LifecycleRoutes.guard(h), User.ADMIN);
    }

    Response list(Request r) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Account a : accounts.list()) {
            out.add(view(a));
        }
        return Response.jsonWithNulls(out);
    }

    Response create(Request r) {
        JsonBody b = JsonBody.object(r.body());
        String username = b.text("username");
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new BadRequestException("username: 1-64 letters, digits, '.', '_' or '-'");
        }
        Account a = checked(new Account(0, username, b.text("role"), blankless(b.text("extension")),
                places(b, "departments"), places(b, "buildings"), true));
        String hash = PasswordHasher.hash(password(b));
        Optional<Account> made = accounts.create(a, hash);
        if (made.isEmpty()) {
            return Response.error(409, "user " + username + " exists");
        }
        return Response.jsonWithNulls(view(made.get())).withStatus(201);
    }

    Response update(Request r) {
        Account old = existing(r);
        JsonBody b = JsonBody.object(r.body());
        Account a = checked(new Account(old.id(), old.username(),
                b.has("role") ? b.text("role") : old.role(),
                b.has("extension") ? blankless(b.text("extension")) : old.extension(),
                b.has("departments") ? places(b, "departments") : old.departments(),
                b.has("buildings") ? places(b, "buildings") : old.buildings(),
                b.has("active") ? b.bool("active") : old.active()));
        if (a.id() == r.user().id() && (!a.active() || !User.ADMIN.equals(a.role()))) {
            throw new BadRequestException("you cannot lock yourself out or give up your own admin role");
        }
        accounts.update(a);
        signOut(a.username());
        return Response.jsonWithNulls(view(a));
    }

    Response password(Request r) {
        Account a = existing(r);
        accounts.setPassword(a.id(), PasswordHasher.hash(password(JsonBody.object(r.body()))));
        signOut(a.username());
        return Response.json(Map.of("id", a.id(), "passwordChanged", true));
    }

    private void signOut(String username) {
        authenticator.forget(username);
        sessions.endAll(username);
    }

    private Account existing(Request r) {
        long id;
        try {
            id = Long.parseLong(r.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new BadRequestException("user id: a number");
        }
        return accounts.get(id).orElseThrow(() -> new NotFoundException("no user " + id));
    }

    private static Account checked(Account a) {
        if (a.role() == null || !User.ROLES.contains(a.role())) {
            throw new BadRequestException("role: one of admin, quality, agent");
        }
        if (a.extension() != null && !EXTENSION.matcher(a.extension()).matches()) {
            throw new BadRequestException("extension: 2-8 digits");
        }
        if (User.AGENT.equals(a.role()) && a.extension() == null) {
            throw new BadRequestException("an agent needs an extension: they see only that extension's calls");
        }
        return a;
    }

    private static String blankless(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String password(JsonBody b) {
        String p = b.text("password");
        if (p == null || p.length() < MIN_PASSWORD || p.length() > 1024) {
            throw new BadRequestException("password: at least " + MIN_PASSWORD + " characters");
        }
        return p;
    }

    private static List<String> places(JsonBody b, String field) {
        List<String> v = b.texts(field);
        if (v == null) {
            return List.of();
        }
        for (String e : v) {
            if (!PLACE.matcher(e).matches()) {
                throw new BadRequestException(field + ": names of 1-40 letters, digits, spaces, '.', '_' or '-'");
            }
        }
        return v;
    }

    static Map<String, Object> view(Account a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("username", a.username());
        m.put("role", a.role());
        m.put("extension", a.extension());
        m.put("departments", a.departments());
        m.put("buildings", a.buildings());
        m.put("active", a.active());
        return m;
    }
}
