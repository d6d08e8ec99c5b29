import KravCore
import KravStore
import Testing

@Test("appendLocated gives each event the ref a later replay gives it, and event(at:) reads it")
func appendLocatedRefsMatchReplay() throws {
  let io = MemoryFileIO()
  let store = try Fixtures.memoryStore(io)
  _ = try store.append([Fixtures.note("K1", "første", minute: 1)])
  let stored = try store.appendLocated([
    Fixtures.payment("K1", 10_000, minute: 2), Fixtures.note("K1", "blåbær", minute: 3),
  ])
  var replayed: [String: EventRef] = [:]
  _ = try store.replay { e, r in replayed[e.id] = r }
  #expect(stored.count == 2)
  for (e, ref) in stored {
    #expect(replayed[e.id] == ref)
    #expect(try store.event(at: ref) == e)
  }
  #expect(stored[1].1.offset > stored[0].1.offset)
}
