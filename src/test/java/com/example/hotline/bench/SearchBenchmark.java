package com.example.hotline.bench;

import com.example.hotline.recording.Grade;
import com.example.hotline.recording.Recording;
import com.example.hotline.recording.RecordingFilter;
import com.example.hotline.store.EmbeddedPostgresServer;
import com.example.hotline.store.JdbcRecordingIndex;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The recording search at scale (issue 7's benchmark): an embedded PostgreSQL (the server's own,
 * {@link EmbeddedPostgresServer}, fsync on) migrated with the real Flyway migrations up to the last
 * version before this benchmark's indexes (V34), filled with {@link RecordingCorpus} (by default
 * 1,000,000 recordings with their calls, routing decisions and tickets) by {@code COPY}, then the
 * typical searches of the workbench run through {@link JdbcRecordingIndex#search} — the query
 * builder {@code GET /api/recordings} uses — with randomised parameters, single-threaded, timed from
 * the call to the mapped result list. Measured in the same run and database:
 * <ol>
 *   <li>baseline: {@link JdbcRecordingIndex#find} of one recording by primary key (same SELECT);</li>
 *   <li>before: the search as it was before V35 ({@link SearchBeforeV35}) on the schema up to V34,
 *       {@code --before-iterations} runs each;</li>
 *   <li>the remaining migrations applied (timed: what the upgrade costs on full tables), the old
 *       search again on the same parameters (the new indexes alone), then today's search on them,
 *       its ids compared with the old search's page by page;</li>
 *   <li>after: today's search, {@code --iterations} randomised runs each after a warm-up.</li>
 * </ol>
 * Prints p50/p95/max per search and the {@code EXPLAIN (ANALYZE, BUFFERS)} plan of one representative
 * run (the run nearest the median; also the slowest when it missed the goal), captured from the
 * statement the builder prepared (SQL and bound values). Exit status 1 when a search's p95 after the
 * migrations is 100 ms or more, or a result changed.
 */
public final class SearchBenchmark {

    private static final long GOAL_P95_MICROS = 100_000;
    private static final String BEFORE_VERSION = "34";
    private static final int PAGE = 50; // the workbench asks for 50 a page

    private final RecordingCorpus corpus;

    private SearchBenchmark(RecordingCorpus corpus) {
        this.corpus = corpus;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            a.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        int recordings = Integer.parseInt(a.getOrDefault("recordings", "1000000"));
        int directory = Integer.parseInt(a.getOrDefault("directory", "40000"));
        int iterations = Integer.parseInt(a.getOrDefault("iterations", "300"));
        int before = Integer.parseInt(a.getOrDefault("before-iterations", "15"));
        long seed = Long.parseLong(a.getOrDefault("seed", "7"));
        Path pgDir = Path.of(a.getOrDefault("pg-dir", "target/bench-search-pg"));
        boolean reuse = Boolean.parseBoolean(a.getOrDefault("reuse", "false"));
        System.exit(run(recordings, directory, iterations, before, seed, pgDir, reuse));
    }

    private static int run(int n, int directory, int iterations, int beforeIterations, long seed, Path pgDir,
            boolean reuse) throws Exception {
        say("machine: %d cores, JVM %s, load average %s", Runtime.getRuntime().availableProcessors(), Runtime.version(),
                loadAverage());
        long t0 = System.nanoTime();
        RecordingCorpus corpus = new RecordingCorpus(n, directory, LocalDate.now(RecordingCorpus.ZONE), seed);
        say("generated %,d recordings/calls, %,d tickets, %,d directory entries, %d extensions, %s .. %s in %.1f s",
                n, corpus.tickets, directory, corpus.extensions.size(), corpus.firstDay, corpus.lastDay, secs(t0));
        summarise(corpus);
        if (!reuse && Files.exists(pgDir)) {
            delete(pgDir);
        }
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(pgDir.resolve("data"))) {
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres")); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = 'hotline'")) {
                if (!rs.next()) {
                    s.execute("CREATE DATABASE hotline ENCODING 'UTF8'");
                }
            }
            HikariConfig hc = new HikariConfig();
            hc.setJdbcUrl(pg.jdbcUrl("hotline"));
            hc.setUsername("postgres");
            hc.setMaximumPoolSize(8); // as the server (db.pool.size)
            hc.addDataSourceProperty("reWriteBatchedInserts", "true");
            try (HikariDataSource pool = new HikariDataSource(hc)) {
                return new SearchBenchmark(corpus).measure(pool, iterations, beforeIterations, seed);
            }
        }
    }

    private int measure(HikariDataSource pool, int iterations, int beforeIterations, long seed) throws Exception {
        boolean loaded = count(pool, "SELECT count(*) FROM information_schema.tables WHERE table_name = "
                + "'flyway_schema_history'") > 0 && count(pool, "SELECT count(*) FROM recordings") == corpus.n;
        boolean measureBefore;
        if (loaded) {
            say("reusing the loaded database (%,d recordings)", corpus.n);
            measureBefore = !schemaAfter(pool);
        } else {
            long t = System.nanoTime();
            // the last migration before this benchmark's range (Flyway wants a target that exists)
            String target = Arrays.stream(Flyway.configure().dataSource(pool).locations("classpath:db/migration").load()
                    .info().all()).map(m -> m.getVersion()).filter(v -> v != null
                            && v.compareTo(org.flywaydb.core.api.MigrationVersion.fromVersion(BEFORE_VERSION)) <= 0)
                    .max(Comparator.naturalOrder()).orElseThrow().getVersion();
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").target(target).load().migrate();
            say("migrations up to V%s: %.1f s", target, secs(t));
            say("loading (COPY, one connection per table, the migrations' indexes in place):");
            t = System.nanoTime();
            corpus.load(pool::getConnection);
            say("  loaded in %.1f s", secs(t));
            t = System.nanoTime();
            execute(pool, "VACUUM ANALYZE");
            say("  VACUUM ANALYZE: %.1f s; recordings table %s, its indexes %s", secs(t),
                    text(pool, "SELECT pg_size_pretty(pg_table_size('recordings'))"),
                    text(pool, "SELECT pg_size_pretty(pg_indexes_size('recordings'))"));
            measureBefore = true;
        }
        Capture capture = new Capture(pool);
        JdbcRecordingIndex index = new JdbcRecordingIndex(capture.dataSource());
        List<Search> searches = searches();
        Map<String, Stats> results = new TreeMap<>();

        // 1. baseline: one recording by primary key, same SELECT
        Random rnd = new Random(seed);
        for (int k = 0; k < 50; k++) {
            index.find(1 + rnd.nextInt(corpus.n));
        }
        long[] pk = new long[iterations];
        for (int k = 0; k < iterations; k++) {
            long id = 1 + rnd.nextInt(corpus.n);
            long t = System.nanoTime();
            index.find(id);
            pk[k] = (System.nanoTime() - t) / 1000;
        }
        say("");
        say("baseline, one recording by primary key (JdbcRecordingIndex.find, same SELECT): %s", line(pk));

        // 2. before this benchmark's migrations: the search as it was (SearchBeforeV35)
        SearchBeforeV35 old = new SearchBeforeV35(pool);
        Map<String, List<RecordingFilter>> beforeFilters = new HashMap<>();
        Map<String, List<List<Long>>> beforeIds = new HashMap<>();
        Map<String, Stats> oldOnNew = new HashMap<>();
        if (measureBefore) {
            say("");
            say("before: the search as it was (one statement, caller LIKE on the recordings), schema of V%s, "
                    + "%d runs each:", BEFORE_VERSION, beforeIterations);
            for (Search s : searches) {
                Random r = new Random(seed + s.name.hashCode());
                List<RecordingFilter> filters = new ArrayList<>();
                List<List<Long>> ids = new ArrayList<>();
                long[] micros = new long[beforeIterations];
                for (int k = 0; k < beforeIterations; k++) {
                    RecordingFilter f = s.params.apply(r);
                    long t = System.nanoTime();
                    ids.add(old.search(f));
                    micros[k] = (System.nanoTime() - t) / 1000;
                    filters.add(f);
                }
                beforeFilters.put(s.name, filters);
                beforeIds.put(s.name, ids);
                say("  %-34s %s", s.name, line(micros));
                results.put(s.name, new Stats(micros, null));
            }
            long t = System.nanoTime();
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
            say("");
            say("migrations after V%s applied to the full tables in %.1f s; indexes of recordings now %s, "
                    + "recording_callers %s rows", BEFORE_VERSION, secs(t),
                    text(pool, "SELECT pg_size_pretty(pg_indexes_size('recordings'))"),
                    text(pool, "SELECT count(*) FROM recording_callers"));
            execute(pool, "VACUUM ANALYZE recording_callers");
            say("");
            say("the old search on the new schema (its indexes only), the same parameters:");
            for (Search s : searches) {
                List<RecordingFilter> filters = beforeFilters.get(s.name);
                long[] micros = new long[filters.size()];
                for (int k = 0; k < filters.size(); k++) {
                    long t1 = System.nanoTime();
                    old.search(filters.get(k));
                    micros[k] = (System.nanoTime() - t1) / 1000;
                }
                oldOnNew.put(s.name, new Stats(micros, null));
                say("  %-34s %s", s.name, line(micros));
            }
        } else {
            say("(schema already past V%s: no before measurement)", BEFORE_VERSION);
        }
        say("schema version %s; pg_trgm %s", text(pool, "SELECT version FROM flyway_schema_history "
                + "WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1"),
                count(pool, "SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'") > 0 ? "installed"
                        : "not installed");

        // 3. after: same results as before, then the measurement
        int changed = 0;
        int compared = 0;
        for (Search s : searches) {
            List<RecordingFilter> filters = beforeFilters.getOrDefault(s.name, List.of());
            for (int k = 0; k < filters.size(); k++) {
                List<Long> now = index.search(filters.get(k)).stream().map(Recording::id).toList();
                compared++;
                if (!now.equals(beforeIds.get(s.name).get(k))) {
                    changed++;
                    say("RESULT CHANGED: %s %s: before %d rows, after %d", s.name, filters.get(k),
                            beforeIds.get(s.name).get(k).size(), now.size());
                }
            }
        }
        if (compared > 0) {
            say("results of today's search against the old search before the migrations: %d of %d pages "
                    + "identical (ids and order)", compared - changed, compared);
        }
        say("");
        say("after, %d runs each (after 20 warm-up runs), load average %s:", iterations, loadAverage());
        boolean met = changed == 0;
        Map<String, Stats> after = new java.util.LinkedHashMap<>();
        for (Search s : searches) {
            Random r = new Random(seed * 31 + s.name.hashCode());
            for (int k = 0; k < 20; k++) {
                index.search(s.params.apply(r));
            }
            long[] micros = new long[iterations];
            Captured[] stmts = new Captured[iterations];
            long rows = 0;
            for (int k = 0; k < iterations; k++) {
                RecordingFilter f = s.params.apply(r);
                long t = System.nanoTime();
                List<Recording> got = index.search(f);
                micros[k] = (System.nanoTime() - t) / 1000;
                stmts[k] = capture.last();
                rows += got.size();
            }
            Stats st = new Stats(micros, stmts);
            after.put(s.name, st);
            boolean ok = pct(micros, 95) < GOAL_P95_MICROS;
            met &= ok;
            say("  %-34s %s   rows/search %5.1f %s", s.name, line(micros), (double) rows / iterations,
                    ok ? "" : "  MISSED");
        }
        say("");
        say("plans (EXPLAIN (ANALYZE, BUFFERS) of the statement the query builder prepared, run again):");
        for (Search s : searches) {
            Stats st = after.get(s.name);
            int median = st.nearest(pct(st.micros, 50));
            say("");
            say("== %s: %s (run at %.1f ms, the median)", s.name, s.what, st.micros[median] / 1000.0);
            say("   %s", st.stmts[median].describe());
            for (String l : explain(pool, st.stmts[median])) {
                say("   | %s", l);
            }
            // the slowest run again: a bad plan is slow again, a stall of the machine is not
            int worst = st.nearest(pct(st.micros, 100));
            List<String> plan = explain(pool, st.stmts[worst]);
            double again = plan.stream().filter(l -> l.startsWith("Execution Time:"))
                    .mapToDouble(l -> Double.parseDouble(l.replaceAll("[^0-9.]", ""))).findFirst().orElse(-1);
            double planning = plan.stream().filter(l -> l.startsWith("Planning Time:"))
                    .mapToDouble(l -> Double.parseDouble(l.replaceAll("[^0-9.]", ""))).findFirst().orElse(-1);
            say("-- slowest run %.1f ms (%s); run again under EXPLAIN ANALYZE: planning %.1f ms, execution %.1f ms",
                    st.micros[worst] / 1000.0, st.stmts[worst].describe(), planning, again);
            if (again * 1000 >= GOAL_P95_MICROS || pct(st.micros, 95) >= GOAL_P95_MICROS) {
                for (String l : plan) {
                    say("   | %s", l);
                }
            }
        }
        say("");
        say("summary (p50 / p95 / max in ms; goal p95 < 100 ms), load average %s:", loadAverage());
        say("  %-34s %-26s %-26s %s", "search", measureBefore ? "before (old search, V34)" : "",
                measureBefore ? "old search, V35 indexes" : "", "after (today's search)");
        say("  %-34s %-26s %-26s %s", "primary key (baseline)", "", "", brief(pk));
        for (Search s : searches) {
            Stats b = results.get(s.name);
            Stats o = oldOnNew.get(s.name);
            say("  %-34s %-26s %-26s %s", s.name, b == null ? "" : brief(b.micros), o == null ? "" : brief(o.micros),
                    brief(after.get(s.name).micros));
        }
        say("goal (p95 < 100 ms for every search%s): %s", compared > 0 ? ", results unchanged" : "",
                met ? "met" : "NOT met");
        return met ? 0 : 1;
    }

    /** A typical search of the workbench: its name, what it asks, and how a random one is drawn. */
    private record Search(String name, String what, Function<Random, RecordingFilter> params) {}

    private List<Search> searches() {
        int n = corpus.n;
        return List.of(
                new Search("page (newest first, page 1-10)", "the page's default: no filter, 50 a page",
                        r -> filter(null, null, null, null, null, null, PAGE * r.nextInt(10))),
                new Search("caller, 4 digits in the middle", "caller contains 4 digits from the middle of a number",
                        r -> filter(null, null, fragment(r, false), null, null, null, 0)),
                new Search("caller, last 4 digits", "caller contains the last 4 digits of a number",
                        r -> filter(null, null, fragment(r, true), null, null, null, 0)),
                new Search("caller, whole number", "caller contains a whole number",
                        r -> filter(null, null, corpus.caller[phoneCall(r)], null, null, null, 0)),
                new Search("date range + agent", "1-31 days and an extension (half by volume, half any of them)",
                        r -> {
                            LocalDate[] d = range(r, 31);
                            String ext = r.nextBoolean() ? corpus.extension[answeredCall(r)]
                                    : corpus.extensions.get(r.nextInt(corpus.extensions.size()));
                            return filter(d[0], d[1], null, ext, null, null, 0);
                        }),
                new Search("ticket number", "a ticket number YYMM-NNNN",
                        r -> filter(null, null, null, null, corpus.ticketNo[r.nextInt(corpus.tickets)], null, 0)),
                new Search("grade + date range", "one of the four grades and 1-90 days",
                        r -> {
                            LocalDate[] d = range(r, 90);
                            return filter(d[0], d[1], null, null, null, Grade.values()[r.nextInt(4)], 0);
                        }),
                new Search("agent's own extension, page 1-3", "an extension, newest first (an agent's view)",
                        r -> filter(null, null, null, corpus.extensions.get(r.nextInt(corpus.extensions.size())), null,
                                null, PAGE * r.nextInt(3))),
                new Search("extension + caller 4 digits", "an agent searching their own calls by part of a number",
                        r -> {
                            int i = answeredCall(r);
                            while (corpus.callerDir[i] == -2) {
                                i = answeredCall(r);
                            }
                            return filter(null, null, middle(r, corpus.caller[i]), corpus.extension[i], null, null, 0);
                        }));
    }

    private RecordingFilter filter(LocalDate from, LocalDate to, String caller, String extension, String ticket,
            Grade grade, int offset) {
        // as RecordingRoutes: a date is the whole day in the desk's zone, "to" included
        Instant f = from == null ? null : from.atStartOfDay(RecordingCorpus.ZONE).toInstant();
        Instant t = to == null ? null : to.plusDays(1).atStartOfDay(RecordingCorpus.ZONE).toInstant();
        return new RecordingFilter(f, t, caller, extension, ticket, grade, PAGE, offset);
    }

    /** A call with a real number, drawn like the calls (frequent callers more often). */
    private int phoneCall(Random r) {
        int i;
        do {
            i = r.nextInt(corpus.n);
        } while (corpus.callerDir[i] == -2);
        return i;
    }

    private int answeredCall(Random r) {
        int i;
        do {
            i = r.nextInt(corpus.n);
        } while (corpus.extension[i] == null);
        return i;
    }

    private String fragment(Random r, boolean last) {
        String c = corpus.caller[phoneCall(r)];
        return last ? c.substring(c.length() - 4) : middle(r, c);
    }

    /** Four digits from the middle of a number: starting at its third digit or later, ending before its last two. */
    private static String middle(Random r, String number) {
        int at = 2 + r.nextInt(number.length() - 7);
        return number.substring(at, at + 4);
    }

    private LocalDate[] range(Random r, int maxDays) {
        int span = 1 + r.nextInt(maxDays);
        long days = corpus.lastDay.toEpochDay() - corpus.firstDay.toEpochDay() + 1;
        LocalDate from = corpus.firstDay.plusDays(r.nextInt((int) (days - span + 1)));
        return new LocalDate[] {from, from.plusDays(span - 1)};
    }

    private static void summarise(RecordingCorpus c) {
        long after = 0;
        long unanswered = 0;
        long within = 0;
        long repeat = 0;
        long noTicket = 0;
        long[] grades = new long[4];
        Map<String, Integer> perExt = new HashMap<>();
        long[] dur = new long[c.n];
        for (int i = 0; i < c.n; i++) {
            after += c.afterHours[i] ? 1 : 0;
            if (c.extension[i] == null) {
                unanswered++;
            } else {
                perExt.merge(c.extension[i], 1, Integer::sum);
                within += c.ringMillis[i] < 15_000 ? 1 : 0;
            }
            repeat += c.repeat[i] ? 1 : 0;
            noTicket += c.ticketOf[i] < 0 ? 1 : 0;
            grades[c.grade[i]]++;
            dur[i] = c.durationMillis[i];
        }
        Arrays.sort(dur);
        List<Integer> counts = new ArrayList<>(perExt.values());
        counts.sort(Comparator.reverseOrder());
        say("  after hours %.1f %%, unanswered %.1f %%, answered within three rings %.1f %% of answered; "
                + "grades clear/fair/unclear/silent %.1f/%.1f/%.1f/%.1f %%", 100.0 * after / c.n,
                100.0 * unanswered / c.n, 100.0 * within / (c.n - unanswered), 100.0 * grades[0] / c.n,
                100.0 * grades[1] / c.n, 100.0 * grades[2] / c.n, 100.0 * grades[3] / c.n);
        say("  duration median %.0f s, p95 %.0f s; calls joining an open ticket %.1f %%, without a ticket %.1f %%; "
                + "%d extensions answered, busiest %,d calls, median %,d, quietest %,d", dur[c.n / 2] / 1000.0,
                dur[(int) (c.n * 0.95)] / 1000.0, 100.0 * repeat / c.n, 100.0 * noTicket / c.n, counts.size(),
                counts.get(0), counts.get(counts.size() / 2), counts.get(counts.size() - 1));
    }

    private static List<String> explain(DataSource ds, Captured c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection conn = ds.getConnection();
             PreparedStatement ps = conn.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + c.sql)) {
            c.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    // ---- capturing the statement the query builder prepares

    /** SQL and bound values of one executed statement. */
    private record Captured(String sql, Object[] args) {
        void bind(PreparedStatement ps) throws SQLException {
            for (int k = 0; k < args.length; k++) {
                if (args[k] == null) {
                    ps.setNull(k + 1, Types.NULL);
                } else {
                    ps.setObject(k + 1, args[k]);
                }
            }
        }

        String describe() {
            return "bound: " + Arrays.toString(args);
        }
    }

    /**
     * A data source handing out the pool's connections wrapped so that each prepared statement
     * remembers its SQL and bound values; {@link #last} is the statement this thread executed last.
     */
    private static final class Capture {
        private final DataSource pool;
        private final ThreadLocal<Captured> last = new ThreadLocal<>();

        Capture(DataSource pool) {
            this.pool = pool;
        }

        Captured last() {
            return last.get();
        }

        DataSource dataSource() {
            InvocationHandler h = (proxy, m, args) -> {
                if (m.getName().equals("getConnection")) {
                    return connection((Connection) invoke(m, pool, args));
                }
                return invoke(m, pool, args);
            };
            return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class}, h);
        }

        private Connection connection(Connection c) {
            InvocationHandler h = (proxy, m, args) -> {
                Object out = invoke(m, c, args);
                if (m.getName().equals("prepareStatement") && args.length >= 1) {
                    return statement((PreparedStatement) out, (String) args[0]);
                }
                return out;
            };
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, h);
        }

        private PreparedStatement statement(PreparedStatement ps, String sql) {
            Map<Integer, Object> bound = new TreeMap<>();
            InvocationHandler h = (proxy, m, args) -> {
                String name = m.getName();
                if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer i
                        && !name.equals("setFetchSize")) {
                    bound.put(i, name.equals("setNull") ? null : args[1]);
                } else if (name.startsWith("execute")) {
                    Object[] values = new Object[bound.isEmpty() ? 0 : java.util.Collections.max(bound.keySet())];
                    bound.forEach((k, v) -> values[k - 1] = v);
                    last.set(new Captured(sql, values));
                }
                return invoke(m, ps, args);
            };
            return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {PreparedStatement.class}, h);
        }

        private static Object invoke(java.lang.reflect.Method m, Object target, Object[] args) throws Throwable {
            try {
                return m.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    // ---- figures

    private record Stats(long[] micros, Captured[] stmts) {
        /** Index of the run whose latency is nearest {@code micros}. */
        int nearest(long target) {
            int best = 0;
            for (int k = 1; k < this.micros.length; k++) {
                if (Math.abs(this.micros[k] - target) < Math.abs(this.micros[best] - target)) {
                    best = k;
                }
            }
            return best;
        }
    }

    private static long pct(long[] micros, int p) {
        long[] s = micros.clone();
        Arrays.sort(s);
        return s[Math.max(0, Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1))];
    }

    private static String line(long[] micros) {
        return String.format(Locale.ROOT, "p50 %7.1f ms  p95 %7.1f ms  max %7.1f ms", pct(micros, 50) / 1000.0,
                pct(micros, 95) / 1000.0, pct(micros, 100) / 1000.0);
    }

    private static String brief(long[] micros) {
        return String.format(Locale.ROOT, "%.1f / %.1f / %.1f", pct(micros, 50) / 1000.0, pct(micros, 95) / 1000.0,
                pct(micros, 100) / 1000.0);
    }

    private static boolean schemaAfter(DataSource ds) throws SQLException {
        return count(ds, "SELECT count(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL "
                + "AND string_to_array(version, '.')::int[] > ARRAY[" + BEFORE_VERSION + "]") > 0;
    }

    private static long count(DataSource ds, String sql) throws SQLException {
        return Long.parseLong(text(ds, sql));
    }

    private static String text(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void execute(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static void delete(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void say(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
