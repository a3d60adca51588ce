package com.example.hotline.web;

import java.util.Map;

/**
 * The quality staff's workbench in the browser: the sign-in page, one page shell ({@code /}, whose
 * views are chosen by the URL's {@code #/...} part) and its bundled scripts and styles under
 * {@code /assets/NAME}. Assets are a fixed list read from the classpath at start: a name not on the
 * list is 404, so no request can reach any other file. Stateless after construction.
 */
public final class WebUi {

    private static final String HTML = "text/html; charset=utf-8";
    private static final Map<String, String> ASSETS = Map.of(
            "app.css", "text/css; charset=utf-8",
            "i18n.js", "text/javascript; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "pages.js", "text/javascript; charset=utf-8",
            "player.js", "text/javascript; charset=utf-8",
            "audit.js", "text/javascript; charset=utf-8");

    private WebUi() {}

    public static void register(Router router) {
        Map<String, StaticResource> assets = new java.util.HashMap<>();
        ASSETS.forEach((name, type) -> assets.put(name, new StaticResource("/web/assets/" + name, type)));
        Handler asset = r -> {
            StaticResource a = assets.get(r.pathParam("name"));
            return a == null ? Response.error(404, "no such asset") : a.handle(r);
        };
        router.add("GET", "/login", new StaticResource("/web/login.html", HTML), Router.Access.PUBLIC)
                .add("GET", "/assets/{name}", asset, Router.Access.PUBLIC)
                .add("GET", "/", new StaticResource("/web/app.html", HTML), Router.Access.PAGE);
    }
}
