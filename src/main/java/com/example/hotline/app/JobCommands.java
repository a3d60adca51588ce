package com.example.hotline.app;

import com.example.hotline.config.ConfigException;
import com.example.hotline.config.ConfigLoader;
import com.example.hotline.config.HotlineConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code archive --date YYYY-MM-DD} and {@code retention [--as-of YYYY-MM-DD] [--dry-run]}: ask the
 * running server to run the job (the embedded database and the lock belong to it, as for
 * {@code import-directory}) and print what it did; the archive draws a progress bar from
 * {@code GET /api/jobs} while it runs. Exit codes: 0 done, 1 done with failures, 2 bad usage or
 * refused, 3 server not reachable, 4 another run in progress. Runs once on the calling thread.
 */
final class JobCommands {

    static final int OK = 0;
    static final int FAILURES = 1;
    static final int USAGE = 2;
    static final int UNREACHABLE = 3;
    static final int BUSY = 4;

    private JobCommands() {}

    /** Where the server is and who signs in: shared by both commands. */
    abstract static class ServerOptions {
        @Spec
        CommandSpec spec;

        /** The environment the configuration is read with (tests give their own). */
        Map<String, String> env = System.getenv();

        @Option(names = "--config", description = "properties file of the server (for its address and admin password)")
        java.nio.file.Path config;

        @Option(names = "--url", description = "the server, e.g. http://127.0.0.1:8080 (default: http.host and http.port)")
        String url;

        @Option(names = "--password", description = "admin's password (default: HOTLINE_ADMIN_PASSWORD, "
                + "admin.password, or the file data.dir/admin-password)")
        String password;

        private final ObjectMapper json = new ObjectMapper();
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private String base;
        private String auth;

        /** Reads the config; false (and a message) when it is bad. */
        boolean connect(PrintWriter err) {
            try {
                HotlineConfig cfg = url == null || password == null ? ConfigLoader.load(config, env) : null;
                base = url != null ? url.replaceAll("/+$", "") : ImportDirectoryCommand.baseUrl(cfg.http());
                String secret = password != null ? password : ImportDirectoryCommand.adminPassword(cfg);
                auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + secret).getBytes(StandardCharsets.UTF_8));
                URI.create(base);
                return true;
            } catch (ConfigException e) {
                err.println("hotline: configuration error: " + e.getMessage());
            } catch (IllegalArgumentException e) {
                err.println("hotline: " + e.getMessage());
            }
            return false;
        }

        CompletableFuture<HttpResponse<String>> post(String pathAndQuery) {
            return http.sendAsync(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofHours(6))
                    .header("Authorization", auth).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }

        JsonNode get(String path) throws IOException, InterruptedException {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", auth).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return json.readTree(r.body());
        }

        /** Waits for the answer, calling {@code tick} twice a second; the exit code of a failure, else 0. */
        int await(CompletableFuture<HttpResponse<String>> call, Runnable tick, PrintWriter err, JsonNode[] body) {
            try {
                while (true) {
                    try {
                        HttpResponse<String> r = call.get(500, TimeUnit.MILLISECONDS);
                        body[0] = json.readTree(r.body());
                        if (r.statusCode() == 200) {
                            return OK;
                        }
                        err.println("hotline: " + body[0].path("error").asText("HTTP " + r.statusCode()));
                        return r.statusCode() == 409 ? BUSY : r.statusCode() < 500 ? USAGE : UNREACHABLE;
                    } catch (TimeoutException e) {
                        tick.run();
                    }
                }
            } catch (ExecutionException e) {
                String why = e.getCause() instanceof IOException io ? ImportDirectoryCommand.describe(io)
                        : String.valueOf(e.getCause());
                err.println("hotline: cannot reach the hotline server at " + base + ": " + why
                        + " (is it running? start it with: hotline serve)");
                return UNREACHABLE;
            } catch (IOException e) {
                err.println("hotline: the server's answer is not JSON: " + e.getMessage());
                return UNREACHABLE;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return UNREACHABLE;
            }
        }

        static LocalDate date(String option, String v, PrintWriter err) {
            try {
                return LocalDate.parse(v);
            } catch (DateTimeParseException e) {
                err.println("hotline: " + option + " " + v + ": expected a date YYYY-MM-DD");
                return null;
            }
        }
    }

    /** {@code archive --date YYYY-MM-DD}. */
    @Command(name = "archive", mixinStandardHelpOptions = true,
            description = {"Organise a day's recordings into the archive now (and any earlier day not done).",
                    "Exit: 0 done, 1 some recordings failed, 2 bad usage, 3 server not reachable, 4 a run is in progress."})
    static final class Archive extends ServerOptions implements java.util.concurrent.Callable<Integer> {
        @Option(names = "--date", required = true, description = "the day, YYYY-MM-DD (in time.zone)")
        String date;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                LocalDate day = date("--date", date, err);
                if (day == null || !connect(err)) {
                    return USAGE;
                }
                JsonNode[] body = new JsonNode[1];
                int code = await(post("/api/jobs/archive?via=cli&date=" + day), () -> bar(out), err, body);
                if (code != OK) {
                    return code;
                }
                JsonNode r = body[0];
                out.printf("%narchive %s (run %d): %d pending, %d archived, %d raw files of earlier runs deleted, "
                                + "%d failed, %d lost, %d still recording, %d found by the sweep; days completed %s; %.1f s%n",
                        day, r.path("runId").asLong(), r.path("pending").asInt(), r.path("archived").asInt(),
                        r.path("rawDeleted").asInt(), r.path("failed").asInt(), r.path("lost").asInt(),
                        r.path("skipped").asInt(), r.path("registered").asInt(), r.path("daysCompleted"),
                        r.path("millis").asLong() / 1000.0);
                return r.path("failed").asInt() + r.path("lost").asInt() > 0 ? FAILURES : OK;
            } finally {
                out.flush();
                err.flush();
            }
        }

        private void bar(PrintWriter out) {
            try {
                JsonNode cur = get("/api/jobs?limit=1").path("current");
                if (cur.isMissingNode() || cur.isNull() || cur.path("total").asInt() == 0) {
                    return;
                }
                int total = cur.path("total").asInt();
                int done = cur.path("done").asInt() + cur.path("failed").asInt();
                int width = 30;
                int filled = (int) ((long) done * width / total);
                out.printf("\r[%s%s] %d/%d recordings, %d failed", "#".repeat(filled), ".".repeat(width - filled),
                        done, total, cur.path("failed").asInt());
                out.flush();
            } catch (IOException | RuntimeException e) {
                // the bar is a courtesy: the answer still comes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** {@code retention [--as-of YYYY-MM-DD] [--dry-run]}. */
    @Command(name = "retention", mixinStandardHelpOptions = true,
            description = {"Delete archived recordings past retention (at least 3 months; legal holds and open "
                    + "tickets are kept), as if today were --as-of.",
                    "Exit: 0 done, 1 some deletions failed, 2 bad usage, 3 server not reachable, 4 a run is in progress."})
    static final class Retention extends ServerOptions implements java.util.concurrent.Callable<Integer> {
        @Option(names = "--as-of", description = "the day to apply retention as of, YYYY-MM-DD (default today; "
                + "never later than today)")
        String asOf;

        @Option(names = "--dry-run", description = "list what would be deleted, delete nothing")
        boolean dryRun;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                LocalDate day = asOf == null ? null : date("--as-of", asOf, err);
                if ((asOf != null && day == null) || !connect(err)) {
                    return USAGE;
                }
                JsonNode[] body = new JsonNode[1];
                int code = await(post("/api/jobs/retention?via=cli&dryRun=" + dryRun + (day == null ? "" : "&asOf=" + day)),
                        () -> { }, err, body);
                if (code != OK) {
                    return code;
                }
                JsonNode r = body[0];
                out.printf("retention as of %s%s: recordings of days before %s%n", r.path("asOf").asText(),
                        dryRun ? " (dry run, nothing deleted)" : "", r.path("before").asText());
                for (JsonNode d : r.path("deleted")) {
                    out.printf("  %s %s  day %s  %s%n", dryRun ? "would delete" : "deleted", d.path("recordingId"),
                            d.path("day").asText(), d.path("archivePath").asText());
                }
                for (JsonNode k : r.path("kept")) {
                    out.printf("  kept %s  day %s  %s: %s%n", k.path("recordingId"), k.path("day").asText(),
                            k.path("archivePath").asText(), k.path("kept").asText());
                }
                out.printf("%d %s, %d kept%n", r.path("deleted").size(), dryRun ? "would be deleted" : "deleted",
                        r.path("kept").size());
                return OK;
            } finally {
                out.flush();
                err.flush();
            }
        }
    }
}
