/**
 * The Netty HTTP server: authentication (HTTP Basic for scripts), routing of requests to handlers,
 * JSON answers. Handlers run on the bounded {@code http-worker} pool, never on an event loop, because
 * they query the database. Each request has one catch-all that answers 500 and logs the request.
 */
package com.example.hotline.web;
