package com.example.hotline.web;

import com.example.hotline.directory.DirectoryCsv;
import com.example.hotline.directory.DirectoryImport;
import com.example.hotline.directory.ImportError;
import com.example.hotline.directory.ImportResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /api/directory/import}: the body is a CSV file ({@code phone,name,building,room}, more
 * columns allowed). Answers 200 with {@code {read, inserted, updated, unchanged, charset, errors[]}}
 * (each error {@code line, reason, phone}) also when some rows were bad, since the good ones are kept;
 * 400 when the file is empty or its header unusable, 413 above {@value #MAX_BYTES} bytes, 415 for a
 * body that is not sent as a file, 403 for anyone but an administrator. Thread-safe.
 */
public final class DirectoryImportHandler implements Handler {

    /** Largest file accepted (10 MiB: some 150,000 rows). */
    public static final int MAX_BYTES = 10 * 1024 * 1024;

    /** Media types a CSV file arrives as (browsers send Excel's for .csv on Windows). */
    private static final Set<String> CSV_TYPES = Set.of("text/csv", "text/plain", "application/csv",
            "application/vnd.ms-excel", "application/octet-stream");

    private final DirectoryImport importer;

    public DirectoryImportHandler(DirectoryImport importer) {
        this.importer = importer;
    }

    @Override
    public Response handle(Request request) {
        if (!"admin".equals(request.user().role())) {
            return Response.error(403, "only an administrator may import the directory");
        }
        String type = request.contentType() == null ? null
                : request.contentType().split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (type != null && !type.isEmpty() && !CSV_TYPES.contains(type)) {
            return Response.error(415, "Content-Type " + type + ": send the file as text/csv "
                    + "(curl: --data-binary @FILE.csv -H 'Content-Type: text/csv')");
        }
        byte[] body = request.body();
        if (body.length == 0) {
            throw new BadRequestException("body: empty; send the CSV file (header phone,name,building,room)");
        }
        if (body.length > MAX_BYTES) {
            return Response.error(413, "the file has " + body.length + " bytes, at most " + MAX_BYTES
                    + " (10 MiB) are accepted: split it and import the parts");
        }
        ImportResult result;
        try {
            result = importer.run(body);
        } catch (DirectoryCsv.UnusableFileException e) {
            throw new BadRequestException(e.getMessage());
        }
        return Response.json(view(result));
    }

    static Map<String, Object> view(ImportResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("read", r.read());
        m.put("inserted", r.inserted());
        m.put("updated", r.updated());
        m.put("unchanged", r.unchanged());
        m.put("charset", r.charset());
        List<Map<String, Object>> errors = new ArrayList<>();
        for (ImportError e : r.errors()) {
            Map<String, Object> em = new LinkedHashMap<>();
            em.put("line", e.line());
            em.put("reason", e.reason());
            em.put("phone", e.phone());
            errors.add(em);
        }
        m.put("errors", errors);
        return m;
    }
}
