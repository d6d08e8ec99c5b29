import CKravScan
import Testing

@testable import KravStore

@Suite("CRC-32C")
struct CRCTests {
  private func crc(_ f: (UInt32, UnsafeRawPointer?, Int) -> UInt32, _ bytes: [UInt8]) -> UInt32 {
    bytes.withUnsafeBytes { f(0, $0.baseAddress, $0.count) }
  }

  @Test("both paths give the published check value e3069283 for \"123456789\"")
  func checkValue() {
    let input = Array("123456789".utf8)
    #expect(crc(krav_crc32c_portable, input) == 0xe306_9283)
    #expect(crc(krav_crc32c_hardware, input) == 0xe306_9283)
    #expect(crc(krav_crc32c, input) == 0xe306_9283)
  }

  @Test("both paths match the RFC 3720 vectors (32 zero bytes, 32 0xff bytes, 0…31)")
  func rfc3720() {
    let vectors: [([UInt8], UInt32)] = [
      ([UInt8](repeating: 0, count: 32), 0x8a91_36aa),
      ([UInt8](repeating: 0xff, count: 32), 0x62a8_ab43),
      ((0..<32).map { UInt8($0) }, 0x46dd_794e),
    ]
    for (input, expected) in vectors {
      #expect(crc(krav_crc32c_portable, input) == expected)
      #expect(crc(krav_crc32c_hardware, input) == expected)
    }
  }

  @Test("hardware and table paths agree on every length and alignment up to 300 bytes")
  func pathsAgree() {
    var bytes = [UInt8](repeating: 0, count: 320)
    var x: UInt32 = 12345
    for i in bytes.indices {
      x = x &* 1_103_515_245 &+ 12345
      bytes[i] = UInt8(truncatingIfNeeded: x >> 16)
    }
    bytes.withUnsafeBytes { b in
      for start in 0..<8 {
        for length in 0...300 {
          let p = b.baseAddress! + start
          #expect(krav_crc32c_portable(7, p, length) == krav_crc32c_hardware(7, p, length))
        }
      }
    }
  }

  @Test("the interleaved hardware path agrees with the table around every block boundary")
  func interleavedBlocks() {
    // The hardware path runs three crcs over three adjacent blocks of 8192, 256 and 64 bytes
    // and joins them; lengths around 3 × each block size, and mixes, take every branch.
    var bytes = [UInt8](repeating: 0, count: 3 * 8192 * 2 + 4096)
    var x: UInt64 = 0x9E37_79B9_7F4A_7C15
    for i in bytes.indices {
      x ^= x << 13
      x ^= x >> 7
      x ^= x << 17
      bytes[i] = UInt8(truncatingIfNeeded: x)
    }
    var lengths: [Int] = []
    for block in [64, 256, 8192] {
      for k in 1...2 { lengths += (-9...9).map { 3 * block * k + $0 } }
    }
    lengths += [3 * 8192 + 3 * 256 + 3 * 64 + 7, bytes.count - 3, 1000, 5000, 30000]
    bytes.withUnsafeBytes { b in
      for start in [0, 1, 5] {
        for length in lengths where start + length <= b.count {
          let p = b.baseAddress! + start
          #expect(krav_crc32c_portable(0, p, length) == krav_crc32c_hardware(0, p, length))
          #expect(krav_crc32c_portable(99, p, length) == krav_crc32c_hardware(99, p, length))
        }
      }
    }
  }

  @Test("continuing a crc over two parts equals the crc of the whole")
  func continuation() {
    let all = Array("The quick brown fox jumps over the lazy dog".utf8)
    let whole = crc(krav_crc32c, all)
    let first = all.withUnsafeBytes { krav_crc32c(0, $0.baseAddress, 10) }
    let both = all.withUnsafeBytes { krav_crc32c(first, $0.baseAddress! + 10, all.count - 10) }
    #expect(both == whole)
  }
}

@Suite("Hex fields")
struct HexFieldTests {
  private func parse(_ text: String, at start: Int = 0) -> UInt32? {
    Array(text.utf8).withUnsafeBufferPointer { CRC32C.parseHex($0, at: start) }
  }

  @Test("eight lowercase hex digits parse to their value, whatever their mix")
  func valid() {
    var x: UInt32 = 0x1234_5678
    for _ in 0..<2_000 {
      x = x &* 1_664_525 &+ 1_013_904_223
      let text = String(x, radix: 16)
      let padded = String(repeating: "0", count: 8 - text.count) + text
      #expect(parse(padded) == x, "\(padded)")
    }
    #expect(parse("00000000") == 0 && parse("ffffffff") == 0xFFFF_FFFF)
    #expect(parse("xx0a1b2c3d", at: 2) == 0x0A1B_2C3D)
  }

  @Test("any other byte in any position, or too few bytes, is refused")
  func invalid() {
    let bad: [UInt8] = [
      0x2F, 0x3A, 0x40, 0x41, 0x46, 0x47, 0x60, 0x67, 0x20, 0x00, 0x80, 0xB0, 0xE6,
    ]
    for position in 0..<8 {
      for b in bad {
        var bytes = Array("0123abcd".utf8)
        bytes[position] = b
        let got = bytes.withUnsafeBufferPointer { CRC32C.parseHex($0, at: 0) }
        #expect(got == nil, "byte \(b) at \(position)")
      }
    }
    #expect(parse("0123abc") == nil && parse("0123abcd", at: 1) == nil)
    #expect(parse("0123abcd", at: -1) == nil)
  }
}
