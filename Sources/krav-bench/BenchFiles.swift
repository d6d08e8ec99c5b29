import Glibc

/// Peak resident set size of this process in MiB, from `VmHWM` in /proc/self/status.
func peakRSSMiB() -> Int { peakRSSKiB() / 1024 }

/// Peak resident set size in MiB with one decimal (`VmHWM`): the memory target is a limit in
/// MiB, and a peak of 160.4 MiB printed as 160 hid that it was over.
func peakRSSText() -> String { format(Double(peakRSSKiB()) / 1024, decimals: 1) + " MiB" }

/// CPU time of the whole process so far (user + system, every thread), in ms with a decimal.
func processCPUText() -> String {
  var t = timespec()
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
  return format((Double(t.tv_sec) + Double(t.tv_nsec) / 1e9) * 1000, decimals: 1) + " ms"
}

/// Peak resident set size of this process in KiB (`VmHWM`), or -1024 when unknown.
func peakRSSKiB() -> Int {
  guard let f = fopen("/proc/self/status", "r") else { return -1 }
  defer { fclose(f) }
  var line = [CChar](repeating: 0, count: 256)
  while fgets(&line, Int32(line.count), f) != nil {
    let s = line.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    if s.hasPrefix("VmHWM:") {
      return Int(s.split(separator: " ").dropFirst().first { Int($0) != nil } ?? "") ?? 0
    }
  }
  return -1024
}

/// Journal files of a store with their sizes.
func listJournals(_ store: String) throws -> [(name: String, size: Int)] {
  guard let dir = opendir(store + "/journal") else { throw BenchError("cannot list \(store)") }
  defer { closedir(dir) }
  var out: [(String, Int)] = []
  while let entry = readdir(dir) {
    let name = withUnsafePointer(to: entry.pointee.d_name) {
      $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
    }
    guard name.hasSuffix(".jsonl") else { continue }
    var st = stat()
    stat(store + "/journal/" + name, &st)
    out.append((name, Int(st.st_size)))
  }
  return out
}

/// Copies a file with mode 0600.
func copyFile(_ from: String, _ to: String) throws {
  let src = open(from, O_RDONLY)
  let dst = open(to, O_CREAT | O_WRONLY | O_TRUNC, 0o600)
  defer {
    close(src)
    close(dst)
  }
  guard src >= 0, dst >= 0 else { throw BenchError("cannot copy \(from)") }
  var buffer = [UInt8](repeating: 0, count: 1 << 20)
  while true {
    let n = read(src, &buffer, buffer.count)
    if n <= 0 { break }
    _ = buffer.withUnsafeBytes { write(dst, $0.baseAddress, n) }
  }
  fsync(dst)
}

/// A new folder under /tmp.
func makeTempFolder() -> String {
  var template = Array("/tmp/krav-bench-XXXXXX".utf8CString)
  let p = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
  return String(cString: p!)
}

/// Removes a folder tree.
func removeTree(_ path: String) {
  guard let dir = opendir(path) else {
    unlink(path)
    return
  }
  while let entry = readdir(dir) {
    let name = withUnsafePointer(to: entry.pointee.d_name) {
      $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
    }
    if name == "." || name == ".." { continue }
    let child = path + "/" + name
    if entry.pointee.d_type == UInt8(DT_DIR) { removeTree(child) } else { unlink(child) }
  }
  closedir(dir)
  rmdir(path)
}
