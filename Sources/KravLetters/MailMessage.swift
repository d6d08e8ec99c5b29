import Foundation
import KravCore

/// An e-mail with a letter: a plain-text body and the letter's PDF attached (RFC 5322 headers,
/// RFC 2045–2047 MIME, non-ASCII header text as encoded words, CRLF line ends, 7-bit clean).
public struct MailMessage: Sendable {
  /// The whole message as the mailer reads it on standard input.
  public var text: String
  /// The Message-ID, without angle brackets.
  public var messageId: String

  /// A message from the creditor to `to`.
  /// - `date`: the moment of sending as an event timestamp (`2026-11-30T09:12:44+01:00`).
  /// - `unique`: random text making the Message-ID unique (the caller's randomness).
  public init(
    from creditor: Creditor, to: (name: String, address: String), subject: String, body: String,
    attachment: (name: String, bytes: [UInt8])?, date: String, documentId: String, unique: String
  ) {
    let domain =
      creditor.email.flatMap {
        EmailAddress.isValid($0) ? $0.split(separator: "@").last.map(String.init) : nil
      }
      .map { MailHeader.token($0) } ?? "krav.invalid"
    messageId = "krav.\(MailHeader.token(documentId)).\(MailHeader.token(unique))@\(domain)"
    let sender =
      creditor.email.flatMap { EmailAddress.isValid($0) ? $0 : nil } ?? "krav@localhost.invalid"
    let boundary = "krav-\(MailHeader.token(unique))"
    var lines = [
      "From: \(MailHeader.mailbox(field: "From", name: creditor.name, address: sender))",
      "To: \(MailHeader.mailbox(field: "To", name: to.name, address: to.address))",
      "Subject: \(MailHeader.unstructured(subject))",
      "Date: \(MailDate.rfc5322(date) ?? date)",
      "Message-ID: <\(messageId)>",
      "MIME-Version: 1.0",
      "X-Krav-Document: \(MailHeader.token(documentId))",
    ]
    let bodyBytes = Array(
      VisibleText.stripped(body).replacingOccurrences(of: "\n", with: "\r\n").utf8)
    if let attachment {
      lines += [
        "Content-Type: multipart/mixed; boundary=\"\(boundary)\"",
        "",
        "This is a MIME message with a letter attached.",
        "--\(boundary)",
        "Content-Type: text/plain; charset=UTF-8",
        "Content-Transfer-Encoding: base64",
        "",
        MailMessage.base64Lines(bodyBytes),
        "--\(boundary)",
        "Content-Type: application/pdf; name=\"\(MailHeader.token(attachment.name))\"",
        "Content-Disposition: attachment; filename=\"\(MailHeader.token(attachment.name))\"",
        "Content-Transfer-Encoding: base64",
        "",
        MailMessage.base64Lines(attachment.bytes),
        "--\(boundary)--",
        "",
      ]
    } else {
      lines += [
        "Content-Type: text/plain; charset=UTF-8",
        "Content-Transfer-Encoding: base64",
        "",
        MailMessage.base64Lines(bodyBytes),
        "",
      ]
    }
    text = lines.joined(separator: "\r\n")
  }

  /// Base64 in lines of 76 characters (RFC 2045 § 6.8).
  static func base64Lines(_ bytes: [UInt8]) -> String {
    let all = Data(bytes).base64EncodedString()
    var out: [Substring] = []
    var i = all.startIndex
    while i < all.endIndex {
      let j = all.index(i, offsetBy: 76, limitedBy: all.endIndex) ?? all.endIndex
      out.append(all[i..<j])
      i = j
    }
    return out.joined(separator: "\r\n")
  }
}

/// The system's mailer through the sendmail interface: the command gets the whole message on
/// standard input and takes the recipients from its headers (`sendmail -t -i`, `msmtp -t`).
public struct Mailer: Sendable {
  /// The command line, run by `/bin/sh -c`.
  public var command: String

  public init(command: String) { self.command = command }

  /// The command to use: the store's setting, else `KRAV_SENDMAIL`, else `sendmail -t -i`.
  public static func command(setting: String?, environment: [String: String]) -> String {
    if let s = setting, !s.isEmpty { return s }
    if let e = environment["KRAV_SENDMAIL"], !e.isEmpty { return e }
    return "sendmail -t -i"
  }

  /// What the mailer said: accepted when it exited with status 0.
  public struct Answer: Sendable {
    public var status: Int32
    public var output: String
    public var accepted: Bool { status == 0 }
    /// One line for the journal: `exit 0` and the mailer's words, if any.
    public var summary: String {
      let words = VisibleText.stripped(output, keepLines: false).trimmingCharacters(
        in: .whitespaces)
      let cut = words.count > 500 ? String(words.prefix(500)) + "…" : words
      return "exit \(status)" + (cut.isEmpty ? "" : ": \(cut)")
    }
  }

  /// Hands `message` to the mailer and waits (at most `timeout` seconds) for its answer.
  public func send(_ message: String, timeout: TimeInterval = 60) throws -> Answer {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", command]
    let input = Pipe()
    let outPath = FileManager.default.temporaryDirectory
      .appendingPathComponent("krav-mailer-\(UUID().uuidString).log").path
    FileManager.default.createFile(
      atPath: outPath, contents: nil, attributes: [.posixPermissions: 0o600])
    defer { try? FileManager.default.removeItem(atPath: outPath) }
    let out = FileHandle(forWritingAtPath: outPath)!
    p.standardInput = input
    p.standardOutput = out
    p.standardError = out
    try p.run()
    // The mailer's output goes to a file, so it can never block on a full pipe while the
    // message is still being written.
    // A mailer that exits without reading (command not found) must not kill Krav by SIGPIPE.
    signal(SIGPIPE, SIG_IGN)
    try? input.fileHandleForWriting.write(contentsOf: Data(message.utf8))
    try? input.fileHandleForWriting.close()
    let deadline = Date().addingTimeInterval(timeout)
    while p.isRunning && Date() < deadline { usleep(20_000) }
    if p.isRunning {
      p.terminate()
      p.waitUntilExit()
      try? out.close()
      return Answer(status: 124, output: "the mailer did not finish within \(Int(timeout)) s")
    }
    p.waitUntilExit()
    try? out.close()
    let text = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    let status =
      p.terminationReason == .uncaughtSignal ? 128 + p.terminationStatus : p.terminationStatus
    return Answer(status: status, output: text)
  }
}
