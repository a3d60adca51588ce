package com.example.hotline.directory;

/**
 * The import of a directory file: checks every row ({@link DirectoryCsv}), then writes the good ones in
 * one go ({@link DirectoryWriter#upsert}), so bad rows never stop good ones and importing the same
 * file again updates instead of adding. Thread-safe; blocks on the database.
 */
public final class DirectoryImport {

    private final DirectoryCsv csv;
    private final DirectoryWriter writer;

    public DirectoryImport(PhoneNumbers numbers, DirectoryWriter writer) {
        this.csv = new DirectoryCsv(numbers);
        this.writer = writer;
    }

    /**
     * Imports a whole file.
     *
     * @throws DirectoryCsv.UnusableFileException when the header is missing or unusable (nothing written)
     */
    public ImportResult run(byte[] file) {
        DirectoryCsv.Parsed p = csv.parse(file);
        DirectoryWriter.Upserted u = p.entries().isEmpty() ? new DirectoryWriter.Upserted(0, 0, 0)
                : writer.upsert(p.entries());
        return new ImportResult(p.read(), u.inserted(), u.updated(), u.unchanged(), p.errors(), p.charset());
    }
}
