package com.example.hotline.ami;

import com.example.hotline.call.CallEventQueue;
import com.example.hotline.call.PbxEvent;
import com.example.hotline.config.HotlineConfig;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.PingThread;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.ResponseEvent;
import org.asteriskjava.manager.internal.ManagerConnectionImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the AMI connection. The first login is retried until it succeeds (asterisk-java reconnects by
 * itself only after one successful login); pings plus a socket read timeout notice a dead or stalled
 * connection; every transition to "logged in" triggers a resync from CoreShowChannels so calls that
 * progressed during a gap are reconciled. Events go from asterisk-java's dispatch thread straight to
 * the {@link CallEventQueue}. Threads: {@code ami-watch} (state and resync) and asterisk-java's own.
 */
public final class AmiConnector implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AmiConnector.class);
    private static final Duration WATCH_INTERVAL = Duration.ofMillis(250);
    private static final long RESYNC_TIMEOUT_MS = 15_000;

    private final HotlineConfig.Ami config;
    private final CallEventQueue queue;
    private final Clock clock;
    private final AmiEventTranslator translator;
    private final ManagerConnection connection;
    private final ScheduledExecutorService watcher;
    private final ExecutorService loginThread;
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private volatile boolean stopped;
    private volatile boolean loggedInOnce;
    private volatile boolean connected;
    private volatile Instant since;
    private volatile Instant lastEventAt;
    private volatile Instant lastResyncAt;
    private volatile String lastError;
    private PingThread pingThread;

    public AmiConnector(HotlineConfig.Ami config, CallEventQueue queue, Clock clock) {
        this.config = config;
        this.queue = queue;
        this.clock = clock;
        this.translator = new AmiEventTranslator(clock);
        this.connection = new ManagerConnectionFactory(config.host(), config.port(), config.user(),
                config.secret().value()).createManagerConnection();
        this.connection.setSocketReadTimeout((int) config.readTimeout().toMillis());
        if (connection instanceof ManagerConnectionImpl impl) {
            impl.setKeepAliveAfterAuthenticationFailure(true);
            impl.setDefaultResponseTimeout(5_000);
        }
        this.connection.addEventListener(this::onEvent);
        this.since = clock.instant();
        this.watcher = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "ami-watch"));
        this.loginThread = Executors.newSingleThreadExecutor(r -> daemon(r, "ami-login"));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Starts connecting in the background; returns at once. */
    public void start() {
        log.info("AMI {}@{}:{}: connecting (secret {})", config.user(), config.host(), config.port(),
                config.secret());
        loginThread.execute(this::loginUntilConnected);
        watcher.scheduleWithFixedDelay(this::watch, WATCH_INTERVAL.toMillis(), WATCH_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    public AmiStatus status() {
        return new AmiStatus(connected, connection.getState().name(), since, lastEventAt, events.get(),
                reconnects.get(), lastResyncAt, lastError);
    }

    /** The live connection, for actions sent by later capabilities (never from a listener). */
    public ManagerConnection connection() {
        return connection;
    }

    private void loginUntilConnected() {
        long backoffMs = 500;
        while (!stopped && !loggedInOnce) {
            try {
                connection.login();
                loggedInOnce = true;
                pingThread = new PingThread(connection);
                pingThread.setInterval(config.pingInterval().toMillis());
                pingThread.setTimeout(config.pingInterval().toMillis());
                pingThread.setDaemon(true);
                pingThread.setName("ami-ping");
                pingThread.start();
                log.info("AMI {}:{}: logged in", config.host(), config.port());
            } catch (AuthenticationFailedException e) {
                lastError = "authentication failed for AMI user " + config.user();
                log.error("AMI {}:{}: {} (check ami.user / ami.secret); retrying", config.host(), config.port(),
                        lastError);
            } catch (IOException | TimeoutException | IllegalStateException e) {
                lastError = e.getMessage();
                log.warn("AMI {}:{}: cannot connect ({}); retrying in {} ms", config.host(), config.port(),
                        e.getMessage(), backoffMs);
            }
            if (!loggedInOnce) {
                try {
                    Thread.sleep(backoffMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoffMs = Math.min(backoffMs * 2, 5_000);
            }
        }
    }

    private void onEvent(ManagerEvent event) {
        events.incrementAndGet();
        lastEventAt = clock.instant();
        if (event instanceof DisconnectEvent) {
            markConnected(false);
            return;
        }
        PbxEvent translated;
        try {
            translated = translator.translate(event);
        } catch (RuntimeException e) {
            // a damaged event must not cost the connection or the events after it
            log.warn("AMI {}: {} could not be read, dropped: {}", config.host(), event.getClass().getSimpleName(),
                    e.toString());
            return;
        }
        if (translated != null) {
            queue.submit(translated);
        }
    }

    /** Polls the library's state: each new login (first or after reconnect) is followed by a resync. */
    private void watch() {
        try {
            boolean nowConnected = connection.getState() == ManagerConnectionState.CONNECTED;
            if (nowConnected && !connected) {
                markConnected(true);
                resync();
            } else if (!nowConnected && connected) {
                markConnected(false);
            }
        } catch (RuntimeException e) {
            log.error("AMI watch failed: {}", e.toString(), e);
        }
    }

    private synchronized void markConnected(boolean up) {
        if (connected == up) {
            return;
        }
        connected = up;
        since = clock.instant();
        if (up) {
            if (lastResyncAt != null) {
                reconnects.incrementAndGet();
            }
            lastError = null;
            log.info("AMI {}:{}: up", config.host(), config.port());
        } else {
            lastError = "connection lost";
            log.warn("AMI {}:{}: connection lost; asterisk-java reconnects", config.host(), config.port());
        }
    }

    private void resync() {
        Instant requestedAt = clock.instant();
        long after = queue.lastSequence();
        try {
            ResponseEvents response = connection.sendEventGeneratingAction(new CoreShowChannelsAction(),
                    RESYNC_TIMEOUT_MS);
            List<PbxEvent.ChannelSnapshot> channels = new ArrayList<>();
            for (ResponseEvent e : response.getEvents()) {
                if (e instanceof CoreShowChannelEvent ch) {
                    channels.add(translator.snapshot(ch));
                }
            }
            queue.submit(new PbxEvent.Resync(requestedAt, after, channels));
            lastResyncAt = requestedAt;
            log.info("AMI resync: {} live channels", channels.size());
        } catch (Exception e) {
            // not fatal: the next reconnect resyncs again; until then events still flow
            lastError = "resync failed: " + e.getMessage();
            log.error("AMI resync (CoreShowChannels) failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        stopped = true;
        watcher.shutdownNow();
        loginThread.shutdownNow();
        if (pingThread != null) {
            pingThread.die();
        }
        try {
            if (connection.getState() == ManagerConnectionState.CONNECTED) {
                connection.logoff();
            }
        } catch (RuntimeException e) {
            log.debug("AMI logoff: {}", e.toString());
        }
        connected = false;
    }
}
