import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A real SMTP server for the mail tests: Python's aiosmtpd on 127.0.0.1, started by the test
/// and stopped by its PID (and by itself after `lifetime` seconds whatever happens). Each
/// message it accepts is written to `inbox/NNNN.eml`; recipients in `refuse` are refused at
/// RCPT TO with `550 5.1.1`.
public final class SMTPServer {
  public let port: Int
  public let inbox: String
  private(set) var pid: pid_t = 0
  let dir: String

  /// Starts the server; throws when python3 with aiosmtpd is missing or it does not come up
  /// within 10 seconds.
  public init(refuse: [String] = [], lifetime: Int = 120) throws {
    guard let python = Tool.pythonWithAiosmtpd else {
      throw Tool.ToolMissing(name: "python3 aiosmtpd")
    }
    dir =
      FileManager.default.temporaryDirectory
      .appendingPathComponent("krav-smtp-\(UUID().uuidString)").path
    inbox = dir + "/inbox"
    try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
    port = SMTPServer.freePort()
    let script = dir + "/smtpd.py"
    try SMTPServer.script.write(toFile: script, atomically: true, encoding: .utf8)
    pid = try ProcessRunner.spawn(
      [python, script, String(port), inbox, String(lifetime)] + refuse,
      environment: ["PATH": "/usr/bin:/bin"], output: dir + "/server.log")
    let ready = dir + "/ready"
    let deadline = Date().addingTimeInterval(10)
    while !FileManager.default.fileExists(atPath: ready) {
      if Date() > deadline {
        stop()
        let log = (try? String(contentsOfFile: dir + "/server.log", encoding: .utf8)) ?? ""
        throw Tool.ToolFailed(name: "aiosmtpd", output: log)
      }
      usleep(50_000)
    }
  }

  /// Stops the server (by its PID) and waits for it.
  public func stop() {
    guard pid > 0 else { return }
    kill(pid, SIGTERM)
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    pid = 0  // reaped: a second stop (deinit) must not signal a reused PID
  }

  deinit {
    stop()
    try? FileManager.default.removeItem(atPath: dir)
  }

  /// The messages received so far, oldest first, as raw bytes.
  public func messages() -> [[UInt8]] {
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: inbox)) ?? []).sorted()
    return names.compactMap {
      FileManager.default.contents(atPath: inbox + "/" + $0).map { Array($0) }
    }
  }

  /// An msmtp configuration sending to this server (no TLS, no authentication), written to a
  /// 0600 file (msmtp refuses others); returns its path.
  public func msmtpConfig(from: String, port: Int? = nil) throws -> String {
    let path = dir + "/msmtprc-\(port ?? self.port)"
    let text = """
      defaults
      auth off
      tls off
      timeout 10
      account default
      host 127.0.0.1
      port \(port ?? self.port)
      from \(from)

      """
    FileManager.default.createFile(
      atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
    return path
  }

  /// A TCP port on 127.0.0.1 nobody listens on right now.
  public static func freePort() -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_port = 0
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) }
    }
    _ = withUnsafeMutablePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
    }
    return Int(UInt16(bigEndian: addr.sin_port))
  }

  static let script = """
    import asyncio, os, sys, time
    from aiosmtpd.controller import Controller

    port, inbox, lifetime = int(sys.argv[1]), sys.argv[2], float(sys.argv[3])
    refuse = set(sys.argv[4:])

    class Handler:
        async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
            if address in refuse:
                return "550 5.1.1 <%s>: mailbox unavailable" % address
            envelope.rcpt_tos.append(address)
            return "250 OK"

        async def handle_DATA(self, server, session, envelope):
            n = len(os.listdir(inbox))
            tmp = os.path.join(inbox, ".%04d.tmp" % n)
            with open(tmp, "wb") as f:
                f.write(envelope.original_content or envelope.content)
            os.rename(tmp, os.path.join(inbox, "%04d.eml" % n))
            return "250 2.0.0 Ok: queued as KRAV%04d" % n

    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    open(os.path.join(inbox, "..", "ready"), "w").write("ready")
    try:
        time.sleep(lifetime)
    finally:
        controller.stop()

    """
}
