import CSV
import Foundation
import KravCore

/// One data row of a CSV file: its first line number and its fields by lower-cased header.
public struct CSVRecord: Sendable {
  public var line: Int
  public var fields: [String: String]

  /// The trimmed value of a column; nil when the column is absent or the cell empty.
  public subscript(_ column: String) -> String? {
    guard let v = fields[column]?.trimmingCharacters(in: .whitespacesAndNewlines), !v.isEmpty
    else { return nil }
    return v
  }
}

/// A CSV file read with CSV.swift: header names (lower-cased, trimmed), rows with line numbers.
public struct CSVTable: Sendable {
  public var file: String
  public var header: [String]
  public var rows: [CSVRecord]
  /// `,` or `;`, as detected from the header line.
  public var delimiter: Character

  /// Reads `bytes` (UTF-8, with or without BOM; `,` or `;` separated, quoted fields may hold
  /// separators, quotes and line breaks). Blank lines are skipped. Line numbers count the
  /// physical lines of the file, so a quoted field spanning lines moves the next row's number.
  public static func read(_ bytes: [UInt8], file: String) throws(ImportFailure) -> CSVTable {
    func fail(_ line: Int, _ field: String, _ problem: ImportProblem) -> ImportFailure {
      ImportFailure([ImportIssue(file: file, line: line, field: field, problem: problem)])
    }
    var body = bytes[...]
    if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
    guard String(validating: body, as: UTF8.self) != nil else {
      throw fail(1, "file", .notUTF8)
    }
    let delimiter = detectDelimiter(body)
    let reader: CSVReader
    do {
      // The library strips a UTF-8 BOM itself when reading from a stream.
      reader = try CSVReader(
        stream: InputStream(data: Data(bytes)), hasHeaderRow: false,
        delimiter: delimiter == ";" ? ";" : ",")
    } catch {
      throw fail(1, "file", .notCSV)
    }
    var line = 1
    var header: [String]?
    var headerLine = 1
    var rows: [CSVRecord] = []
    var issues: [ImportIssue] = []
    while let row = reader.next() {
      let first = line
      line += 1 + row.reduce(0) { $0 + lineBreaks(in: $1) }
      if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
      guard let names = header else {
        header = row.map { $0.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }
        headerLine = first
        continue
      }
      if row.count > names.count,
        row[names.count...].contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty })
      {
        issues.append(
          ImportIssue(
            file: file, line: first, field: "row",
            problem: .fieldCount(got: row.count, header: names.count)))
        continue
      }
      var fields: [String: String] = [:]
      for (i, name) in names.enumerated() where i < row.count && !name.isEmpty {
        fields[name] = row[i]
      }
      rows.append(CSVRecord(line: first, fields: fields))
    }
    if reader.error != nil { throw fail(line, "file", .notUTF8) }
    guard let names = header else {
      throw fail(1, "header", .emptyCSV)
    }
    var seen: [String: Int] = [:]
    for n in names where !n.isEmpty {
      if seen[n] != nil {
        issues.append(
          ImportIssue(file: file, line: headerLine, field: n, problem: .columnTwice))
      }
      seen[n, default: 0] += 1
    }
    if !issues.isEmpty { throw ImportFailure(issues) }
    return CSVTable(file: file, header: names, rows: rows, delimiter: delimiter)
  }

  /// `;` when the first line has more semicolons than commas outside quotes, else `,`.
  static func detectDelimiter(_ body: ArraySlice<UInt8>) -> Character {
    var semicolons = 0
    var commas = 0
    var quoted = false
    for b in body {
      if b == UInt8(ascii: "\"") { quoted.toggle() }
      if quoted { continue }
      if b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") { break }
      if b == UInt8(ascii: ";") { semicolons += 1 }
      if b == UInt8(ascii: ",") { commas += 1 }
    }
    return semicolons > commas ? ";" : ","
  }

  /// Line breaks inside a field (LF, CR LF or a lone CR each count once).
  static func lineBreaks(in field: String) -> Int {
    var n = 0
    var afterCR = false
    for u in field.unicodeScalars {
      if u == "\n" {
        if !afterCR { n += 1 }
        afterCR = false
      } else if u == "\r" {
        n += 1
        afterCR = true
      } else {
        afterCR = false
      }
    }
    return n
  }

  /// The required columns missing from the header, as issues on the header line.
  func missing(_ required: [String]) -> [ImportIssue] {
    required.filter { !header.contains($0) }.map {
      ImportIssue(file: file, line: 1, field: $0, problem: .columnMissing)
    }
  }
}
