package com.example.hotline.agi;

import com.example.hotline.config.HotlineConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.fastagi.MappingStrategy;
import org.asteriskjava.util.ServerSocketFacade;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FastAGI listener: bound to {@code agi.host}, scripts mapped by name only (a caller can never
 * pick a class), requests from addresses outside {@code agi.allow} refused. asterisk-java runs the
 * accept loop on the {@code agi-accept} thread and each request on its pool; every request has one
 * catch-all that logs it with the call's uniqueid.
 */
public final class HotlineAgiServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HotlineAgiServer.class);

    private final HotlineConfig.Agi config;
    private final Map<String, AgiScript> scripts;
    private final Clock clock;
    private final BindAwareServer server;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile Instant lastRequestAt;
    private volatile String lastError;
    private Thread acceptThread;

    public HotlineAgiServer(HotlineConfig.Agi config, Map<String, AgiScript> scripts, Clock clock) {
        this.config = config;
        this.scripts = Map.copyOf(scripts);
        this.clock = clock;
        this.server = new BindAwareServer(new Mapping());
        server.setAddress(config.host());
        server.setPort(config.port());
        server.setPoolSize(4);
        server.setMaximumPoolSize(200);
    }

    /** Binds and starts accepting; fails (unchecked) if the port cannot be bound. */
    public void start() {
        acceptThread = new Thread(() -> {
            try {
                server.startup();
            } catch (IOException | IllegalStateException e) {
                lastError = e.getMessage();
                log.error("FastAGI {}:{}: listener stopped: {}", config.host().getHostAddress(), config.port(),
                        e.toString());
            }
        }, "agi-accept");
        acceptThread.setDaemon(true);
        acceptThread.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!listening()) {
            if (System.nanoTime() > deadline || !acceptThread.isAlive()) {
                throw new IllegalStateException("FastAGI " + config.host().getHostAddress() + ":" + config.port()
                        + ": cannot listen" + (lastError == null ? "" : ": " + lastError));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting FastAGI", e);
            }
        }
        log.info("FastAGI listening on {}:{}, scripts {}, allowed peers {}", config.host().getHostAddress(),
                config.port(), scripts.keySet(), config.allow());
    }

    /** True when the listening socket is bound and the accept thread runs (observed, not assumed). */
    public boolean listening() {
        return server.bound && acceptThread != null && acceptThread.isAlive();
    }

    public AgiStatus status() {
        return new AgiStatus(listening(), config.host().getHostAddress() + ":" + config.port(), requests.get(),
                failures.get(), refused.get(), lastRequestAt, lastError);
    }

    private boolean allowed(InetAddress peer) {
        List<InetAddress> allow = config.allow();
        return peer != null && allow.contains(peer);
    }

    /** Explicit name → script mapping, wrapped with the allow-list and the per-request catch-all. */
    private final class Mapping implements MappingStrategy {
        @Override
        public AgiScript determineScript(AgiRequest request, AgiChannel channel) {
            if (!allowed(request.getRemoteAddress())) {
                refused.incrementAndGet();
                log.warn("FastAGI: refused request for '{}' from {} (not in agi.allow)", request.getScript(),
                        request.getRemoteAddress());
                return null;
            }
            String name = request.getScript();
            AgiScript script = name == null ? null : scripts.get(name);
            if (script == null) {
                String id = request.getUniqueId();
                log.warn("call {}: FastAGI request from {} for {}: refused", id == null ? "(no uniqueid)" : id,
                        request.getRemoteAddress(), name == null ? "no script (damaged request?)"
                                : "unknown script '" + (name.length() > 80 ? name.substring(0, 80) + "…" : name) + "'");
                return null;
            }
            return (req, ch) -> run(script, req, ch);
        }
    }

    private void run(AgiScript script, AgiRequest request, AgiChannel channel) throws AgiException {
        requests.incrementAndGet();
        lastRequestAt = clock.instant();
        try {
            script.service(request, channel);
        } catch (AgiException e) {
            failures.incrementAndGet();
            lastError = e.getMessage();
            log.warn("call {}: FastAGI {} failed (caller hung up or PBX error): {}", request.getUniqueId(),
                    request.getScript(), e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            lastError = e.toString();
            log.error("call {}: FastAGI {} failed; dialplan takes its fail-safe path", request.getUniqueId(),
                    request.getScript(), e);
        }
    }

    /** Tells when asterisk-java has bound its server socket. */
    private static final class BindAwareServer extends DefaultAgiServer {
        volatile boolean bound;

        BindAwareServer(MappingStrategy mapping) {
            super(mapping);
        }

        @Override
        protected ServerSocketFacade createServerSocket() throws IOException {
            ServerSocketFacade socket = super.createServerSocket();
            bound = true;
            return socket;
        }
    }

    @Override
    public void close() {
        try {
            server.shutdown();
        } catch (IllegalStateException e) {
            log.debug("FastAGI shutdown: {}", e.toString());
        }
    }
}
