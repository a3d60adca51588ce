package com.example.hotline.web;

import com.example.hotline.auth.Authenticator;
import com.example.hotline.auth.User;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates each request and runs its handler on the http-worker pool, then writes the answer
 * back on the channel's event loop. Malformed requests get 400, unknown paths 404, a full worker
 * pool 503, a failing handler 500 (logged with method and path). Sharable: one instance serves
 * every connection.
 */
@ChannelHandler.Sharable
final class ApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);

    private final Router router;
    private final Authenticator authenticator;
    private final Gate gate;
    private final SessionEndpoints sessionEndpoints;
    private final ExecutorService workers;
    private final LiveHub live;
    private final LiveTokens liveTokens;

    ApiHandler(Router router, Gate gate, ExecutorService workers, LiveHub live, LiveTokens liveTokens) {
        this.router = router;
        this.authenticator = gate.authenticator();
        this.gate = gate;
        this.sessionEndpoints = new SessionEndpoints(gate);
        this.workers = workers;
        this.live = live;
        this.liveTokens = liveTokens;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
        boolean keepAlive = HttpUtil.isKeepAlive(msg);
        if (msg.decoderResult().isFailure()) {
            Throwable cause = msg.decoderResult().cause();
            int status = cause instanceof TooLongHttpLineException ? 414
                    : cause instanceof TooLongHttpHeaderException ? 431 : 400;
            write(ctx, Response.error(status, "malformed request: " + cause.getMessage()), false);
            return;
        }
        String method = msg.method().name();
        QueryStringDecoder qs = new QueryStringDecoder(msg.uri());
        String path;
        Map<String, List<String>> parameters;
        try {
            path = qs.path();
            parameters = qs.parameters();
        } catch (IllegalArgumentException e) {
            // QueryStringDecoder decodes lazily and throws on "%zz" or a lone "%"
            write(ctx, Response.error(400, "malformed request: bad percent-encoding in the address: "
                    + e.getMessage()), false);
            return;
        }
        String authorization = msg.headers().get(HttpHeaderNames.AUTHORIZATION);
        if ("/ws/live".equals(path) && msg.headers().containsValue(HttpHeaderNames.UPGRADE,
                HttpHeaderValues.WEBSOCKET, true)) {
            upgradeLive(ctx, msg, qs, authorization);
            return;
        }
        Incoming in = new Incoming(method, path, parameters, Incoming.keep(msg.headers()),
                ByteBufUtil.getBytes(msg.content()), address(ctx));
        // a request may run for minutes (an archive job answers when done): the client waits in silence,
        // so the idle timeout is lifted until the answer is written
        if (ctx.pipeline().get(HttpServer.TIMEOUT) != null) {
            ctx.pipeline().remove(HttpServer.TIMEOUT);
        }
        try {
            workers.execute(() -> {
                Response response = handle(in);
                ctx.executor().execute(() -> write(ctx, response, keepAlive));
            });
        } catch (RejectedExecutionException e) {
            write(ctx, Response.error(503, "server busy, try again"), false);
        }
    }

    /** Authenticates off the event loop (Basic header or a live ticket), then upgrades on it. */
    private void upgradeLive(ChannelHandlerContext ctx, FullHttpRequest msg, QueryStringDecoder qs,
                             String authorization) {
        FullHttpRequest req = msg.retain();
        java.util.List<String> tokens = qs.parameters().get("token");
        String token = tokens == null || tokens.isEmpty() ? null : tokens.get(0);
        java.util.List<String> exts = qs.parameters().get("ext");
        String ext = exts == null || exts.isEmpty() ? null : exts.get(0);
        if (ext != null && !ext.matches("[0-9]{2,8}")) {
            req.release();
            write(ctx, Response.error(400, "ext: an extension number such as 8001"), false);
            return;
        }
        try {
            workers.execute(() -> {
                Optional<User> user;
                try {
                    user = token != null ? liveTokens.redeem(token) : authenticator.basic(authorization);
                } catch (RuntimeException e) {
                    log.error("live socket: authentication failed: {}", e.toString());
                    user = Optional.empty();
                }
                Optional<User> who = user;
                ctx.executor().execute(() -> {
                    try {
                        if (who.isPresent() && who.get().is("agent")
                                && (ext == null || !ext.equals(who.get().extension()))) {
                            // an agent's screen pop is their own phone's, and the supervisors' board is not theirs
                            write(ctx, Response.error(403, "an agent's live socket is for their own extension ("
                                    + who.get().extension() + ") only"), false);
                        } else if (who.isPresent()) {
                            live.upgrade(ctx, req, who.get().username(), ext);
                        } else {
                            write(ctx, new Response(401, "application/json; charset=utf-8",
                                    Json.bytes(java.util.Map.of("error", "login required")),
                                    java.util.Map.of("WWW-Authenticate", "Basic realm=\"hotline\"")), false);
                        }
                    } finally {
                        req.release();
                    }
                });
            });
        } catch (RejectedExecutionException e) {
            req.release();
            write(ctx, Response.error(503, "server busy, try again"), false);
        }
    }

    private static String address(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress().getHostAddress() : null;
    }

    /**
     * Refuses odd paths and parameters, answers the session endpoints, then authenticates (public
     * routes excepted) before routing, so that nobody learns which paths exist without signing in.
     */
    private Response handle(Incoming in) {
        String method = in.method();
        String path = in.path();
        try {
            if (in.suspiciousPath()) {
                return Response.error(400, "path refused: no '.', '..' or empty segments, backslashes or control "
                        + "characters");
            }
            String bad = Gate.badParameter(in.query());
            if (bad != null) {
                return Response.error(400, bad + ": value refused ('..' path segments or NUL)");
            }
            if (nulInJson(in)) {
                // PostgreSQL text cannot hold U+0000: refused here for every route instead of failing in a store
                return Response.error(400, "body: the NUL character (\\u0000) is not allowed in JSON strings");
            }
            Response session = sessionEndpoints.handle(in);
            if (session != null) {
                return session;
            }
            Router.Match match = router.match(method, path);
            User user = null;
            String sessionTag = null;
            if (match == null || match.access() != Router.Access.PUBLIC) {
                Gate.Admission a = gate.admit(in, match != null && match.access() == Router.Access.PAGE);
                if (a.refusal() != null) {
                    return a.refusal();
                }
                user = a.user();
                sessionTag = a.session() == null ? null : a.session().tag();
            }
            if (match == null) {
                Set<String> allowed = router.allowed(path);
                return allowed.isEmpty() ? Response.error(404, "no such resource: " + path)
                        : Response.error(405, "method " + method + " not allowed; use " + allowed);
            }
            String range = in.header("range");
            return match.handler().handle(new Request(method, path, in.query(), in.body(), user,
                    match.pathParams(), in.header("content-type"),
                    range == null ? java.util.Map.of() : java.util.Map.of("range", range), in.address(), sessionTag));
        } catch (ForbiddenException e) {
            return Response.error(403, e.getMessage());
        } catch (NotFoundException e) {
            return Response.error(404, e.getMessage());
        } catch (BadRequestException e) {
            return Response.error(400, e.getMessage());
        } catch (Exception e) {
            log.error("HTTP {} {}: failed", method, path, e);
            return Response.error(500, "internal error; see the server log");
        }
    }

    private static final byte[] JSON_NUL = "\\u0000".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** A JSON body with an escaped NUL in it (a raw NUL byte is not JSON and is refused by the parser). */
    private static boolean nulInJson(Incoming in) {
        String type = in.header("content-type");
        byte[] body = in.body();
        if (body == null || type == null || !type.toLowerCase(java.util.Locale.ROOT).contains("json")) {
            return false;
        }
        outer:
        for (int i = 0; i + JSON_NUL.length <= body.length; i++) {
            for (int j = 0; j < JSON_NUL.length; j++) {
                if (body[i + j] != JSON_NUL[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static void write(ChannelHandlerContext ctx, Response r, boolean keepAlive) {
        if (ctx.channel().isActive() && ctx.pipeline().get(HttpServer.TIMEOUT) == null) {
            ctx.pipeline().addFirst(HttpServer.TIMEOUT, HttpServer.idleTimeout());
        }
        if (r.file() != null) {
            writeFile(ctx, r, keepAlive);
            return;
        }
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(r.status()), Unpooled.wrappedBuffer(r.body()));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
        res.headers().set("X-Content-Type-Options", "nosniff");
        // no page of ours may be framed by another site (clicks tricked onto our buttons)
        res.headers().set("X-Frame-Options", "DENY");
        res.headers().set("Referrer-Policy", "same-origin");
        res.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        r.headers().forEach((name, value) -> res.headers().set(name, value));
        if (keepAlive) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(res);
        } else {
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /**
     * A file body, zero-copy ({@link DefaultFileRegion}: the pipeline has no TLS and no compressor). The
     * file is opened here, on the event loop, after the handler checked it exists; a file gone meanwhile
     * closes the connection.
     */
    private static void writeFile(ChannelHandlerContext ctx, Response r, boolean keepAlive) {
        io.netty.handler.codec.http.DefaultHttpResponse res = new io.netty.handler.codec.http.DefaultHttpResponse(
                HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(r.status()));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
        res.headers().set(HttpHeaderNames.CONTENT_LENGTH, r.file().length());
        res.headers().set("X-Content-Type-Options", "nosniff");
        res.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        r.headers().forEach((name, value) -> res.headers().set(name, value));
        java.nio.channels.FileChannel ch;
        try {
            ch = java.nio.channels.FileChannel.open(r.file().path(), java.nio.file.StandardOpenOption.READ);
        } catch (java.io.IOException e) {
            log.warn("HTTP file {}: cannot open: {}", r.file().path(), e.toString());
            write(ctx, Response.error(404, "the file is gone"), false);
            return;
        }
        res.headers().set(HttpHeaderNames.CONNECTION, keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
        ctx.write(res);
        ctx.write(new io.netty.channel.DefaultFileRegion(ch, r.file().offset(), r.file().length()));
        var last = ctx.writeAndFlush(io.netty.handler.codec.http.LastHttpContent.EMPTY_LAST_CONTENT);
        if (!keepAlive) {
            last.addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.warn("HTTP connection {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
