package com.example.hotline.web;

import com.example.hotline.auth.Authenticator;
import com.example.hotline.auth.Sessions;
import java.time.Clock;
import com.example.hotline.config.HotlineConfig;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP listener (Netty): codec with bounded header and body sizes, an idle timeout, and the
 * {@link ApiHandler}. Owns its event loops and the bounded http-worker pool; {@link #close} stops
 * them with a timeout.
 */
public final class HttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
    private static final int MAX_BODY = 20 * 1024 * 1024;
    /** The idle-connection timeout's name in the pipeline; {@link ApiHandler} lifts it while a request runs. */
    static final String TIMEOUT = "timeout";

    /** Closes a connection that sends nothing for two minutes (not counting the time its request runs). */
    static ReadTimeoutHandler idleTimeout() {
        return new ReadTimeoutHandler(120);
    }

    private final HotlineConfig.Http config;
    private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoopGroup io = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final ThreadPoolExecutor workers;
    private final ApiHandler handler;
    private Channel channel;

    public HttpServer(HotlineConfig.Http config, Router router, Authenticator authenticator, LiveHub live,
                      LiveTokens liveTokens) {
        this(config, router, authenticator, Sessions.standard(Clock.systemUTC()), live, liveTokens);
    }

    /** The server with browser sessions: signed in at {@code POST /api/login}, see {@link Gate}. */
    public HttpServer(HotlineConfig.Http config, Router router, Authenticator authenticator, Sessions sessions,
                      LiveHub live, LiveTokens liveTokens) {
        this.config = config;
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(4, 4, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(256),
                r -> new Thread(r, "http-worker-" + n.incrementAndGet()), new ThreadPoolExecutor.AbortPolicy());
        this.handler = new ApiHandler(router, new Gate(authenticator, sessions, config.secureCookie()), workers,
                live, liveTokens);
    }

    public void start() {
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, io)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(TIMEOUT, idleTimeout())
                                .addLast("codec", new HttpServerCodec(4096, 16 * 1024, 64 * 1024))
                                .addLast("aggregator", new Aggregator(MAX_BODY))
                                .addLast("api", handler);
                    }
                });
        InetSocketAddress address = new InetSocketAddress(config.host(), config.port());
        try {
            channel = b.bind(address).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding HTTP", e);
        } catch (Exception e) {
            throw new IllegalStateException("HTTP " + address + ": cannot listen: " + e.getMessage(), e);
        }
        log.info("HTTP listening on http://{}:{}/", config.host().getHostAddress(), config.port());
    }

    /**
     * The aggregator, answering a body over the limit with a JSON 413 that says the limit (Netty's own
     * answer has no body), as soon as the headers show the size: instead of {@code 100 Continue} when the
     * client asked for one, else while the body is still coming; either way the connection is closed.
     */
    static final class Aggregator extends HttpObjectAggregator {
        Aggregator(int maxBody) {
            super(maxBody, true); // close after refusing an Expect: 100-continue too, as after a body
        }

        @Override
        protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
            Object answer = super.newContinueResponse(start, maxContentLength, pipeline);
            if (answer instanceof HttpResponse r && r.status().code() == 413) {
                ReferenceCountUtil.release(answer);
                return tooLarge();
            }
            return answer;
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
            if (!(oversized instanceof HttpRequest)) {
                super.handleOversizedMessage(ctx, oversized);
                return;
            }
            ctx.writeAndFlush(tooLarge()).addListener(ChannelFutureListener.CLOSE);
        }

        private FullHttpResponse tooLarge() {
            byte[] body = Json.bytes(Map.of("error", "request body larger than " + maxContentLength()
                    + " bytes (" + maxContentLength() / (1024 * 1024) + " MiB)"));
            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.wrappedBuffer(body));
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
            res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            return res;
        }
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        io.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
