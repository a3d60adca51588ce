package com.example.hotline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Exact routes and {name} templates: what matches, what binds, and how 404 differs from 405. */
class RouterTest {

    private final Handler list = r -> Response.json("list");
    private final Handler done = r -> Response.json("done");
    private final Handler special = r -> Response.json("special");
    private final Router router = new Router()
            .add("GET", "/api/callbacks", list)
            .add("POST", "/api/callbacks/{id}/done", done)
            .add("POST", "/api/callbacks/all/done", special);

    @Test
    void aTemplateBindsItsSegment() {
        Router.Match m = router.match("POST", "/api/callbacks/42/done");
        assertSame(done, m.handler(), "template route");
        assertEquals(Map.of("id", "42"), m.pathParams(), "bound path parameter");
    }

    @Test
    void anExactPathWinsOverATemplate() {
        assertSame(special, router.match("POST", "/api/callbacks/all/done").handler(), "exact route first");
        assertEquals(Map.of(), router.match("GET", "/api/callbacks").pathParams(), "no parameters");
    }

    @Test
    void segmentsMustAllMatchAndParametersMustNotBeEmpty() {
        assertNull(router.match("POST", "/api/callbacks//done"), "empty id");
        assertNull(router.match("POST", "/api/callbacks/42/done/x"), "extra segment");
        assertNull(router.match("POST", "/api/callbacks/42/undo"), "other literal");
        assertEquals(Map.of("id", "{id}"), router.match("POST", "/api/callbacks/{id}/done").pathParams(),
                "the template's text is a value like any other (the handler rejects it)");
        assertEquals(Set.of(), router.allowed("/api/callbacks/42/undo"), "unknown path: 404");
    }

    @Test
    void aWrongMethodOnATemplateIsA405() {
        assertNull(router.match("GET", "/api/callbacks/42/done"), "no GET route");
        assertEquals(Set.of("POST"), router.allowed("/api/callbacks/42/done"), "405 names POST");
        assertSame(done, router.find("POST", "/api/callbacks/7/done"), "find still answers the handler");
    }
}
