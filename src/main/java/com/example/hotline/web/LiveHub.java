package com.example.hotline.web;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live WebSocket ({@code /ws/live}): upgrades authenticated requests and pushes JSON messages.
 * A supervisor's socket joins the board group, which gets every call change and alert; an agent's
 * socket ({@code /ws/live?ext=8001}) joins only its extension's group, which gets the screen pop of the
 * calls offered to that phone. Writes are asynchronous, so {@link #publish} and {@link #publishTo}
 * may be called from any thread without blocking. Thread-safe.
 */
public final class LiveHub {

    private static final Logger log = LoggerFactory.getLogger(LiveHub.class);

    private final ChannelGroup sockets = new DefaultChannelGroup("live", GlobalEventExecutor.INSTANCE);
    private final java.util.function.Supplier<Object> hello;
    private final java.util.Map<String, ChannelGroup> agents = new java.util.concurrent.ConcurrentHashMap<>();

    /** {@code hello} is the first message each new socket gets (the current picture). */
    public LiveHub(java.util.function.Supplier<Object> hello) {
        this.hello = hello;
    }

    /** Sends {@code value} as JSON to every open live socket. */
    public void publish(Object value) {
        if (!sockets.isEmpty()) {
            sockets.writeAndFlush(new TextWebSocketFrame(new String(Json.bytes(value),
                    java.nio.charset.StandardCharsets.UTF_8)));
        }
    }

    /** Sends {@code value} as JSON to the agent sockets of extension {@code ext}; false when none is open. */
    public boolean publishTo(String ext, Object value) {
        ChannelGroup group = agents.get(ext);
        if (group == null || group.isEmpty()) {
            return false;
        }
        group.writeAndFlush(new TextWebSocketFrame(new String(Json.bytes(value), java.nio.charset.StandardCharsets.UTF_8)));
        return true;
    }

    /**
     * Runs on the channel's event loop: handshake, then swap the HTTP handlers for frame handling.
     * {@code ext} null: a board socket; else the agent socket of that extension.
     */
    void upgrade(ChannelHandlerContext ctx, FullHttpRequest req, String user, String ext) {
        String url = "ws://" + req.headers().get("Host", "localhost") + "/ws/live";
        WebSocketServerHandshaker hs = new WebSocketServerHandshakerFactory(url, null, false, 64 * 1024)
                .newHandshaker(req);
        if (hs == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        ChannelPipeline p = ctx.pipeline();
        hs.handshake(ctx.channel(), req).addListener(f -> {
            if (!f.isSuccess()) {
                log.warn("live socket from {}: handshake failed: {}", ctx.channel().remoteAddress(), f.cause());
                ctx.close();
                return;
            }
            if (p.get("timeout") != null) {
                p.remove("timeout"); // a live page may be quiet for hours
            }
            if (p.get("api") != null) {
                p.remove("api");
            }
            p.addLast("live", new Frames(hs));
            if (ext != null) {
                ctx.channel().writeAndFlush(new TextWebSocketFrame(new String(Json.bytes(
                        java.util.Map.of("type", "agent-hello", "ext", ext)), java.nio.charset.StandardCharsets.UTF_8)));
                ChannelGroup group = agents.computeIfAbsent(ext, k -> new DefaultChannelGroup("agent-" + k,
                        GlobalEventExecutor.INSTANCE));
                group.add(ctx.channel());
                log.info("agent socket for extension {} opened by {} from {} ({} open for it)", ext, user,
                        ctx.channel().remoteAddress(), group.size());
                return;
            }
            ctx.channel().writeAndFlush(new TextWebSocketFrame(new String(Json.bytes(hello.get()),
                    java.nio.charset.StandardCharsets.UTF_8)));
            sockets.add(ctx.channel());
            log.info("live socket opened by {} from {} ({} open)", user, ctx.channel().remoteAddress(),
                    sockets.size());
        });
    }

    /** Answers pings and closes; the live page sends nothing else that matters. */
    private static final class Frames extends SimpleChannelInboundHandler<WebSocketFrame> {
        private final WebSocketServerHandshaker handshaker;

        Frames(WebSocketServerHandshaker handshaker) {
            this.handshaker = handshaker;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof CloseWebSocketFrame close) {
                handshaker.close(ctx.channel(), close.retain());
            } else if (frame instanceof PingWebSocketFrame) {
                ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("live socket {}: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }
}
