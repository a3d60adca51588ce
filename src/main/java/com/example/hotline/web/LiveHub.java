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
 * The live WebSocket ({@code /ws/live}): upgrades authenticated requests, keeps the open sockets in
 * one group and pushes JSON messages (call changes, alerts) to all of them. Writes are asynchronous,
 * so {@link #publish} may be called from any thread without blocking. Thread-safe.
 */
public final class LiveHub {

    private static final Logger log = LoggerFactory.getLogger(LiveHub.class);

    private final ChannelGroup sockets = new DefaultChannelGroup("live", GlobalEventExecutor.INSTANCE);
    private final java.util.function.Supplier<Object> hello;

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

    /** Runs on the channel's event loop: handshake, then swap the HTTP handlers for frame handling. */
    void upgrade(ChannelHandlerContext ctx, FullHttpRequest req, String user) {
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
