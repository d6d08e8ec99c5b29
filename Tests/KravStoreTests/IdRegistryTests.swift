import Testing

@testable import KravStore

@Suite("Id registry")
struct IdRegistryTests {
  @Test("canonical ids recorded by seq alone agree with the full check: repeats, holes, jumps")
  func canonicalBySeq() {
    var ids = IdRegistry()
    ids.addJournal(writer: "kari@pc1")
    ids.addJournal(writer: "ola@pc2")
    func bySeq(_ seq: Int, _ journal: Int = 0) -> Bool? {
      ids.insertCanonicalIfAlone(seq: seq, journal: journal)
    }
    func full(_ id: String, _ seq: Int, _ journal: Int, _ writer: String) -> Bool {
      ids.insert(id: id, seq: seq, journal: journal, writer: writer)
    }
    // In order, then a repeat.
    #expect(bySeq(1) == true)
    #expect(bySeq(1) == false)
    // A skipped seq is a hole that may still come once.
    #expect(bySeq(3) == true)
    #expect(bySeq(2) == true)
    #expect(bySeq(2) == false)
    // A huge jump is left to the full check, which keeps it as an ordinary id.
    #expect(bySeq(5_000) == nil)
    #expect(full("kari@pc1:5000", 5_000, 0, "kari@pc1"))
    #expect(!full("kari@pc1:5000", 5_000, 0, "kari@pc1"))
    // Once an ordinary id is held, seq alone no longer decides: the caller must pass the id.
    #expect(bySeq(4) == nil)
    #expect(full("kari@pc1:4", 4, 0, "kari@pc1"))
    #expect(!full("kari@pc1:4", 4, 0, "kari@pc1"))
    // kari's line copied into ola's journal is a repeat; a preset id counts once.
    #expect(!full("kari@pc1:3", 1, 1, "ola@pc2"))
    #expect(full("req:abc", 1, 1, "ola@pc2"))
    #expect(!full("req:abc", 2, 1, "ola@pc2"))
    #expect(IdRegistry.isCanonical("ola@pc2:17", writer: "ola@pc2", seq: 17))
    #expect(!IdRegistry.isCanonical("ola@pc2:17", writer: "ola@pc2", seq: 71))
    #expect(!IdRegistry.isCanonical("ola@pc3:17", writer: "ola@pc2", seq: 17))
  }
}
