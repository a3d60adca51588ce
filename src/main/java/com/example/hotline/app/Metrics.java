package com.example.hotline.app;

import com.example.hotline.agi.HotlineAgiServer;
import com.example.hotline.ami.AmiConnector;
import com.example.hotline.call.CallEventQueue;
import com.example.hotline.call.CallTracker;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** The Prometheus registry and the gauges/counters that describe the server. */
final class Metrics {

    private Metrics() {}

    static PrometheusMeterRegistry registry() {
        PrometheusMeterRegistry r = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(r);
        new JvmThreadMetrics().bindTo(r);
        new ProcessorMetrics().bindTo(r);
        return r;
    }

    static void bind(PrometheusMeterRegistry r, AmiConnector ami, HotlineAgiServer agi, CallEventQueue queue,
                     CallTracker tracker) {
        Gauge.builder("hotline_ami_connected", ami, a -> a.status().connected() ? 1 : 0)
                .description("1 while logged in to AMI").register(r);
        FunctionCounter.builder("hotline_ami_events", ami, a -> a.status().events())
                .description("AMI events received").register(r);
        FunctionCounter.builder("hotline_ami_reconnects", ami, a -> a.status().reconnects())
                .description("AMI reconnects after the first login").register(r);
        FunctionCounter.builder("hotline_agi_requests", agi, a -> a.status().requests())
                .description("FastAGI requests served").register(r);
        FunctionCounter.builder("hotline_agi_failures", agi, a -> a.status().failures())
                .description("FastAGI requests that failed").register(r);
        FunctionCounter.builder("hotline_tracker_events_dropped", queue, CallEventQueue::rejected)
                .description("PBX events dropped because the tracker queue was full").register(r);
        Gauge.builder("hotline_tracker_backlog", queue, CallEventQueue::backlog)
                .description("PBX events waiting for the tracker").register(r);
        Gauge.builder("hotline_calls_active", tracker, CallTracker::activeCalls)
                .description("calls in progress").register(r);
        Gauge.builder("hotline_calls_unsaved", tracker, CallTracker::unsavedCalls)
                .description("calls with changes not stored yet (grows while the database is unreachable)").register(r);
    }
}
