/**
 * The tracker benchmark: synthetic calls made from the captured AMI transcripts, streamed over a
 * socket into a bare asterisk-java connection and into the full AMI → tracker → PostgreSQL path
 * ({@link com.example.hotline.bench.TrackerBenchmark}, run by {@code deploy/bench-tracker.sh}).
 * Test scope: nothing here ships in the server jar.
 */
package com.example.hotline.bench;
