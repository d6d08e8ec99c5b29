import Testing

@testable import KravCore

@Test("a keyed table finds every key after growing, and misses unknown keys")
func keyedTableGrowth() {
  var t = KeyedTable<Customer>()
  for i in 0..<5_000 { t.append(Customer(id: "K\(i)", name: "Kunde \(i) Ærø", kind: .consumer)) }
  #expect(t.count == 5_000)
  for i in stride(from: 0, to: 5_000, by: 7) { #expect(t.position(of: "K\(i)") == i) }
  #expect(t["K4999"]?.name == "Kunde 4999 Ærø")
  #expect(t.position(of: "K5000") == nil)
  #expect(!t.contains("k1"), "keys are case-sensitive")
}

@Test("a position index keeps keys whose hashes collide apart, and replaces equal keys")
func positionIndexCollisions() {
  // Force collisions by indexing far more keys than the first table size, with near-equal keys.
  let keys = (0..<2_000).map { "100\($0)" }
  var idx = PositionIndex()
  for (i, k) in keys.enumerated() { idx.set(k, position: i) { keys[$0] } }
  for (i, k) in keys.enumerated() { #expect(idx.find(k) { keys[$0] } == i) }
  #expect(idx.count == 2_000)
  // The newest claim wins when two share a KID.
  var kids = ["12344", "12344"]
  var kidIndex = PositionIndex()
  kidIndex.set(kids[0], position: 0) { kids[$0] }
  kidIndex.set(kids[1], position: 1) { kids[$0] }
  #expect(kidIndex.find("12344") { kids[$0] } == 1)
  #expect(kidIndex.count == 1)
  kids.append("x")
  #expect(kidIndex.find("x") { kids[$0] } == nil)
}

@Test("editing in place through a position changes the stored value")
func keyedTableUpdate() {
  var t = KeyedTable<Customer>()
  t.append(Customer(id: "K1", name: "Åse", kind: .consumer))
  #expect(t.update("K1") { $0.callCount += 1 })
  #expect(!t.update("K2") { $0.callCount += 1 })
  t.update(at: 0) { $0.callCount += 1 }
  #expect(t["K1"]?.callCount == 2)
}

@Test("saved index slots are taken back only when every position is in range and used once")
func positionIndexFromSlots() {
  let keys = (0..<300).map { "F\($0)" }
  var idx = PositionIndex()
  for (i, k) in keys.enumerated() { idx.set(k, position: i) { keys[$0] } }
  let slots = idx.storage
  let back = PositionIndex(slots: slots, positions: keys.count)
  #expect(back?.count == 300)
  for (i, k) in keys.enumerated() { #expect(back?.find(k) { keys[$0] } == i) }
  // Fewer positions than stored: position 299 is out of range.
  #expect(PositionIndex(slots: slots, positions: 299) == nil)
  // A position stored twice (both beyond the first 64, so past the first word of bits).
  let used = slots.indices.filter { slots[$0] & 0xFFFF_FFFF > 64 }
  var twice = slots
  twice[used[1]] = twice[used[0]]
  #expect(PositionIndex(slots: twice, positions: keys.count) == nil)
  // A slot whose position field is zero but whose hash is not reads as position −1.
  var negative = slots
  negative[used[2]] = 0x1234_5678_0000_0000
  #expect(PositionIndex(slots: negative, positions: keys.count) == nil)
  // A size that is not a power of two.
  #expect(PositionIndex(slots: Array(slots.dropLast()), positions: keys.count) == nil)
}

@Test("a claims table (keys compared in the claims themselves) finds every invoice")
func keyedTableWithoutKeysApart() throws {
  #expect(!Claim.keysApart && Customer.keysApart)
  let day = try #require(Day(year: 2026, month: 1, day: 5))
  var t = KeyedTable<Claim>()
  for i in 0..<3_000 {
    t.append(
      Claim(
        invoice: "F\(i)", customer: "K\(i % 7)", principal: Money(ore: Int64(i + 1) * 100),
        issued: day, due: day))
  }
  for i in stride(from: 0, to: 3_000, by: 11) {
    #expect(t.position(of: "F\(i)") == i)
    #expect(t.key(at: i) == "F\(i)")
  }
  #expect(t.position(of: "F3000") == nil && !t.contains("f1"))
  // Built from values, and from the slots of the first table: the same positions.
  let rebuilt = KeyedTable(t.values)
  let restored = try #require(KeyedTable(t.values, indexSlots: t.indexSlots))
  for i in stride(from: 0, to: 3_000, by: 13) {
    #expect(rebuilt.position(of: "F\(i)") == i && restored.position(of: "F\(i)") == i)
  }
  #expect(t["F42"]?.principal == Money(ore: 4_300))
}

@Test("the index hash is FNV-1a of the UTF-8 bytes; a lookahead candidate is the key's position")
func positionIndexHashAndCandidate() {
  // Published FNV-1a (32-bit) values; "ø" is two UTF-8 bytes.
  #expect(PositionIndex.hash("") == 0x811C_9DC5)
  #expect(PositionIndex.hash("a") == 0xE40C_292C)
  #expect(PositionIndex.hash("foobar") == 0xBF9C_F968)
  let first: UInt32 = (0x811C_9DC5 ^ 0xC3) &* 16_777_619
  #expect(PositionIndex.hash("ø") == (first ^ 0xB8) &* 16_777_619)
  var t = KeyedTable<Customer>()
  for i in 0..<3_000 { t.append(Customer(id: "C\(i)", name: "K \(i)", kind: .consumer)) }
  var claims = KeyedTable<Claim>()
  for i in 0..<300 {
    claims.append(
      Claim(
        invoice: "F\(i)", customer: "C\(i)", principal: Money(ore: 100),
        issued: Day(ordinal: 20_000), due: Day(ordinal: 20_014)))
  }
  for i in stride(from: 0, to: 3_000, by: 11) {
    let (p, address) = t.candidateAddress(for: "C\(i)")!
    #expect(p == i)
    // The address is that of the key the lookup compares.
    #expect(address.assumingMemoryBound(to: String.self).pointee == "C\(i)")
  }
  for i in 0..<300 {
    let (p, address) = claims.candidateAddress(for: "F\(i)")!
    #expect(p == i && address.assumingMemoryBound(to: Claim.self).pointee.invoice == "F\(i)")
  }
}
