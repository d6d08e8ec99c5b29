import CKravScan
import Foundation
import Testing

/// The snapshot restore advises huge pages for its large arrays (`krav_advise_huge_pages`).
/// The advice must never change a byte: only the 2 MiB-aligned interior is advised, and
/// memory written after it reads back the same, inside and outside that interior.
@Test("huge-page advice covers only the aligned interior and changes no byte")
func hugePageAdvice() throws {
  let size = 9 << 20
  let raw = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 4096)
  defer { raw.deallocate() }
  // An unaligned start: the advised part begins at the next 2 MiB boundary.
  let p = raw + 4096
  let n = size - 8192
  let setting =
    (try? String(contentsOfFile: "/sys/kernel/mm/transparent_hugepage/enabled", encoding: .utf8))
    ?? ""
  let advised = krav_advise_huge_pages(p, n)
  #if os(Linux)
    if !setting.isEmpty { #expect(advised == 1, "THP setting: \(setting)") }
  #endif
  let bytes = p.bindMemory(to: UInt8.self, capacity: n)
  for i in stride(from: 0, to: n, by: 997) { bytes[i] = UInt8(truncatingIfNeeded: i &* 31) }
  for i in stride(from: 0, to: n, by: 997) {
    #expect(bytes[i] == UInt8(truncatingIfNeeded: i &* 31))
  }
  // Less than one aligned 2 MiB inside: nothing to advise.
  #expect(krav_advise_huge_pages(p, 1 << 20) == 0)
}
