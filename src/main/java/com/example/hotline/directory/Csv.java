package com.example.hotline.directory;

import java.util.ArrayList;
import java.util.List;

/**
 * A CSV reader after RFC 4180, forgiving where spreadsheets are: comma-separated fields; a field in
 * double quotes may hold commas, line breaks and doubled quotes ({@code ""} for one {@code "}); lines end
 * in CRLF, LF or CR; a UTF-8 byte order mark at the start is skipped; a quote inside an unquoted field
 * is kept as a character. Each record carries the physical line it starts on (1 = the first line of
 * the file), so a message can point at the line a person sees in an editor even after fields that
 * span lines. Wholly blank lines are skipped. Stateless.
 */
public final class Csv {

    /** One record: the line it starts on, its fields, and why it is malformed (null when it is not). */
    public record Record(int line, List<String> fields, String error) {

        public Record {
            fields = List.copyOf(fields);
        }

        /** Whether every field is empty or blank (an empty spreadsheet row: {@code ,,,}). */
        public boolean blank() {
            return fields.stream().allMatch(String::isBlank);
        }
    }

    private Csv() {}

    /** Every record of {@code text}, in order. */
    public static List<Record> parse(String text) {
        List<Record> out = new ArrayList<>();
        int n = text.length();
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        int line = 1;
        while (i < n) {
            int start = line;
            List<String> fields = new ArrayList<>();
            String error = null;
            StringBuilder field = new StringBuilder();
            boolean endOfRecord = false;
            boolean emptyLine = true;
            while (!endOfRecord) {
                if (i >= n) {
                    fields.add(field.toString());
                    break;
                }
                char c = text.charAt(i);
                if (c == '"' && field.length() == 0) {
                    emptyLine = false;
                    // a quoted field: up to the closing quote, then a comma or the end of the record
                    int openedOn = line;
                    i++;
                    boolean closed = false;
                    while (i < n) {
                        char q = text.charAt(i);
                        if (q == '"') {
                            if (i + 1 < n && text.charAt(i + 1) == '"') {
                                field.append('"');
                                i += 2;
                            } else {
                                i++;
                                closed = true;
                                break;
                            }
                        } else {
                            if (q == '\n' || (q == '\r' && !(i + 1 < n && text.charAt(i + 1) == '\n'))) {
                                line++;
                            }
                            field.append(q);
                            i++;
                        }
                    }
                    if (!closed) {
                        if (error == null) {
                            error = "quoted field opened on line " + openedOn + " is never closed";
                        }
                        fields.add(field.toString());
                        break;
                    }
                    // after the closing quote: text up to the next comma or line break is an error
                    int junkFrom = i;
                    while (i < n && text.charAt(i) != ',' && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                        i++;
                    }
                    if (i > junkFrom && error == null) {
                        error = "text after the closing quote of field " + (fields.size() + 1);
                    }
                    continue;
                }
                if (c == ',') {
                    emptyLine = false;
                    fields.add(field.toString());
                    field.setLength(0);
                    i++;
                } else if (c == '\r' || c == '\n') {
                    fields.add(field.toString());
                    i += c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? 2 : 1;
                    line++;
                    endOfRecord = true;
                } else {
                    if (!Character.isWhitespace(c)) {
                        emptyLine = false;
                    }
                    field.append(c);
                    i++;
                }
            }
            if (!emptyLine) {
                out.add(new Record(start, fields, error));
            }
        }
        return out;
    }
}
