import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { addReports, chunksOf, formatOf, inFileLines, parseFile } from "./importFile";

const SAMPLE = readFileSync(resolve(__dirname, "../../../docs/import-sample.csv"), "utf8");

describe("reading an import file", () => {
  it("knows the format by the name, else by the first character", () => {
    expect(formatOf("users.csv", "{")).toBe("csv");
    expect(formatOf("users.NDJSON", "email")).toBe("ndjson");
    expect(formatOf("users.jsonl", "")).toBe("ndjson");
    expect(formatOf("export", '  {"email": "a@b.test"}')).toBe("ndjson");
    expect(formatOf("export", "email,given_name")).toBe("csv");
  });

  it("splits the sample CSV into its header and six rows, by file line", () => {
    const file = parseFile(SAMPLE, "csv");
    expect(file.header?.line).toBe(1);
    expect(file.header?.text.startsWith("email,given_name")).toBe(true);
    expect(file.records.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 7]);
  });

  it("keeps a quoted line break inside its row, skips blank lines, a BOM and keeps CRLF rows whole", () => {
    const text = '\uFEFFemail,display_name\r\na@x.test,"Two\r\nlines"\r\n\r\nb@x.test,B\r\n';
    const file = parseFile(text, "csv");
    expect(file.header).toEqual({ line: 1, text: "email,display_name\r" });
    expect(file.records).toEqual([
      { line: 2, text: 'a@x.test,"Two\r\nlines"\r' },
      { line: 5, text: "b@x.test,B\r" },
    ]);
  });

  it("reads NDJSON a line at a time, a brace in a string being only a character", () => {
    const file = parseFile('{"email":"a@x.test","display_name":"\\"q\\""}\n\n{"email":"b@x.test"}', "ndjson");
    expect(file.header).toBeNull();
    expect(file.records.map((r) => r.line)).toEqual([1, 3]);
  });
});

describe("sending it in parts", () => {
  it("repeats the CSV header in every part and maps each part's lines back to the file's", () => {
    const rows = Array.from({ length: 5 }, (_, i) => `u${i}@x.test,"${i === 2 ? "a\nb" : "c"}"`);
    const file = parseFile(`email,display_name\n${rows.join("\n")}\n`, "csv");
    const parts = chunksOf(file, 2);
    expect(parts.map((p) => p.count)).toEqual([2, 2, 1]);
    expect(parts.map((p) => p.body.split("\n")[0])).toEqual(["email,display_name", "email,display_name", "email,display_name"]);
    expect(parts[1]!.body).toBe('email,display_name\nu2@x.test,"a\nb"\nu3@x.test,"c"\n');
    // The second part: its line 1 is the header, 2-3 the quoted row (file lines 4-5), 4 the next row (file line 6).
    expect(parts[1]!.fileLine.slice(1)).toEqual([1, 4, 5, 6]);
    const report = inFileLines({ created: 1, updated: 0, unchanged: 0, errors: [{ line: 4, code: "invalid_request", message: "email: not valid" }] }, parts[1]!);
    expect(report.errors).toEqual([{ line: 6, code: "invalid_request", message: "email: not valid" }]);
  });

  it("sends NDJSON lines as they are, in order", () => {
    const file = parseFile('{"email":"a@x.test"}\n\n{"email":"b@x.test"}\n{"email":"c@x.test"}\n', "ndjson");
    const parts = chunksOf(file, 2);
    expect(parts.map((p) => p.body)).toEqual(['{"email":"a@x.test"}\n{"email":"b@x.test"}\n', '{"email":"c@x.test"}\n']);
    expect(parts[0]!.fileLine.slice(1)).toEqual([1, 3]);
    expect(parts[1]!.fileLine.slice(1)).toEqual([4]);
  });

  it("adds the parts' reports into one", () => {
    const a = { created: 1, updated: 2, unchanged: 0, errors: [{ line: 2, code: "conflict" as const, message: "x" }] };
    const b = { created: 0, updated: 1, unchanged: 3, errors: [{ line: 9, code: "invalid_request" as const, message: "y" }] };
    expect(addReports(a, b)).toEqual({ created: 1, updated: 3, unchanged: 3, errors: [...a.errors, ...b.errors] });
  });
});
