package com.example.hotline.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.hotline.auth.Authenticator;
import com.example.hotline.auth.PasswordHasher;
import com.example.hotline.auth.User;
import com.example.hotline.auth.UserStore;
import com.example.hotline.config.HotlineConfig;
import com.example.hotline.directory.DirectoryEntry;
import com.example.hotline.directory.DirectoryImport;
import com.example.hotline.directory.DirectoryWriter;
import com.example.hotline.directory.PhoneNumbers;
import com.example.hotline.web.DirectoryImportHandler;
import com.example.hotline.web.HttpServer;
import com.example.hotline.web.LiveHub;
import com.example.hotline.web.LiveTokens;
import com.example.hotline.web.Router;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code import-directory} against the real HTTP server and the real import handler (on an in-memory
 * writer): what it prints and its exit codes.
 */
class ImportDirectoryCommandTest {

    private static final String PASSWORD = "s3cret-for-tests";
    private static HttpServer server;
    private static int port;
    private static final Map<String, DirectoryEntry> rows = new ConcurrentHashMap<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws IOException {
        port = freePort();
        Map<String, UserStore.StoredUser> users = Map.of(
                "admin", new UserStore.StoredUser(new User(1, "admin", "admin"), PasswordHasher.hash(PASSWORD)),
                "alice", new UserStore.StoredUser(new User(2, "alice", "agent"), PasswordHasher.hash(PASSWORD)));
        UserStore store = new UserStore() {
            @Override
            public Optional<StoredUser> find(String username) {
                return Optional.ofNullable(users.get(username));
            }

            @Override
            public boolean createIfAbsent(String username, String passwordHash, String role) {
                return false;
            }
        };
        DirectoryWriter writer = entries -> {
            int inserted = 0;
            for (DirectoryEntry e : entries) {
                if (rows.put(e.phone(), e) == null) {
                    inserted++;
                }
            }
            return new DirectoryWriter.Upserted(inserted, entries.size() - inserted, 0);
        };
        Router router = new Router().add("POST", "/api/directory/import",
                new DirectoryImportHandler(new DirectoryImport(new PhoneNumbers(""), writer)));
        Clock clock = Clock.systemUTC();
        server = new HttpServer(new HotlineConfig.Http(InetAddress.getLoopbackAddress(), port), router,
                new Authenticator(store, clock), new LiveHub(() -> Map.of()), new LiveTokens(clock));
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Exit code and what the command printed. */
    private record Run(int code, String out, String err) {}

    private Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        ImportDirectoryCommand cmd = cl.getSubcommands().get("import-directory").getCommand();
        cmd.env = env;
        List<String> all = new ArrayList<>(List.of("import-directory"));
        all.addAll(List.of(args));
        int code = cl.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private Run run(String... args) {
        return run(Map.of(), args);
    }

    private String url() {
        return "http://127.0.0.1:" + port;
    }

    private Path file(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void allGoodRowsExitZero() throws IOException {
        Path f = file("good.csv", "phone,name,building,room\n13800138001,Wang,3,1201\n13800138002,Li,3,1202\n");
        Run r = run(f.toString(), "--url", url(), "--password", PASSWORD);
        assertEquals(0, r.code(), "exit 0: " + r);
        assertTrue(r.out().contains("rows read 2, inserted 2, updated 0, unchanged 0, bad 0"), r.out());
        assertTrue(rows.containsKey("13800138001"), "imported");
        Run again = run(f.toString(), "--url", url() + "/", "--password", PASSWORD);
        assertTrue(again.out().contains("inserted 0, updated 2"), "re-import updates: " + again.out());
    }

    @Test
    void threeBadRowsExitOneAndAreListedWithTheirLines() throws IOException {
        Path f = file("some-bad.csv", "phone,name,building,room\n"
                + "13800138011,Wang,3,1201\n"
                + "x-y-z,Li,3,1202\n"
                + "13800138012,,3,1203\n"
                + "13800138013,Zhao,3,1204\n"
                + "13800138011,Again,3,1201\n");
        Run r = run(f.toString(), "--url", url(), "--user", "admin", "--password", PASSWORD);
        assertEquals(1, r.code(), "exit 1: " + r);
        assertTrue(r.out().contains("rows read 5, inserted 2, updated 0, unchanged 0, bad 3"), r.out());
        assertTrue(r.out().contains("line 3: phone is not a phone number [phone x-y-z]"), r.out());
        assertTrue(r.out().contains("line 4: name is empty [phone 13800138012]"), r.out());
        assertTrue(r.out().contains("line 6: same phone as line 2"), r.out());
        assertTrue(rows.containsKey("13800138013"), "the good rows were kept");
    }

    @Test
    void anUnusableHeaderOrFileExitsTwo() throws IOException {
        Run header = run(file("no-header.csv", "13800138000,Wang\n").toString(), "--url", url(),
                "--password", PASSWORD);
        assertEquals(2, header.code(), "unusable header: " + header);
        assertTrue(header.err().contains("no phone and name columns"), header.err());

        Run missing = run(dir.resolve("missing.csv").toString(), "--url", url(), "--password", PASSWORD);
        assertEquals(2, missing.code(), "no such file");
        assertTrue(missing.err().contains("no such file"), missing.err());

        Run usage = run();
        assertEquals(2, usage.code(), "no file given");

        Run badUrl = run(file("a.csv", "phone,name\n").toString(), "--url", "ftp://x", "--password", PASSWORD);
        assertEquals(2, badUrl.code(), "bad --url: " + badUrl);
    }

    @Test
    void aRefusedLoginExitsTwoAndSaysSo() throws IOException {
        Path f = file("a.csv", "phone,name\n13800138000,Wang\n");
        Run wrong = run(f.toString(), "--url", url(), "--password", "wrong");
        assertEquals(2, wrong.code(), "wrong password");
        assertTrue(wrong.err().contains("login required") && wrong.err().contains("wrong password?"), wrong.err());
        Run agent = run(f.toString(), "--url", url(), "--user", "alice", "--password", PASSWORD);
        assertEquals(2, agent.code(), "an agent may not import");
        assertTrue(agent.err().contains("only an administrator"), agent.err());
    }

    @Test
    void anUnreachableServerExitsThreeAndSaysSo() throws IOException {
        Path f = file("a.csv", "phone,name\n13800138000,Wang\n");
        Run r = run(f.toString(), "--url", "http://127.0.0.1:" + freePort(), "--password", PASSWORD);
        assertEquals(3, r.code(), "exit 3: " + r);
        assertTrue(r.err().contains("cannot reach the hotline server at http://127.0.0.1:"), r.err());
        assertTrue(r.err().contains("connection refused"), r.err());
    }

    @Test
    void theServerAndPasswordComeFromTheConfigAndTheGeneratedPasswordFile() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("admin-password"), PASSWORD + "\n");
        Path config = file("hotline.properties", "http.host=127.0.0.1\nhttp.port=" + port + "\ndata.dir=" + data + "\n");
        Path f = file("a.csv", "phone,name\n13800138021,Wang\n");
        Run fromFile = run(f.toString(), "--config", config.toString());
        assertEquals(0, fromFile.code(), "address from the config, password from data.dir/admin-password: " + fromFile);

        Run fromEnv = run(Map.of("HOTLINE_ADMIN_PASSWORD", PASSWORD, "HOTLINE_HTTP_PORT", String.valueOf(port),
                "HOTLINE_DATA_DIR", dir.resolve("nowhere").toString()), f.toString());
        assertEquals(0, fromEnv.code(), "password and port from the environment: " + fromEnv);

        Run none = run(Map.of("HOTLINE_HTTP_PORT", String.valueOf(port), "HOTLINE_DATA_DIR",
                dir.resolve("nowhere").toString()), f.toString());
        assertEquals(2, none.code(), "no password anywhere");
        assertTrue(none.err().contains("no password"), none.err());

        Run badConfig = run(Map.of("HOTLINE_HTTP_PORT", "eighty"), f.toString());
        assertEquals(2, badConfig.code(), "bad configuration");
        assertTrue(badConfig.err().contains("'http.port'"), badConfig.err());
    }
}
