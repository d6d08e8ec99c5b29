import Testing

@testable import KravCore

@Suite("Two pieces of work at once")
struct ParallelTests {
  struct Failed: Error, Equatable { var which: Int }

  @Test("both results come back, each from its own closure")
  func results() {
    let (a, b) = Parallel.both({ (0..<1000).reduce(0, +) }, { (0..<10).map { $0 * 2 } })
    #expect(a == 499_500)
    #expect(b == [0, 2, 4, 6, 8, 10, 12, 14, 16, 18])
  }

  @Test("an error from either side is thrown, after the other side has finished")
  func errors() {
    var finished = false
    #expect(throws: Failed(which: 2)) {
      _ = try Parallel.both({ () throws(Failed) -> Int in 1 }, { () throws(Failed) -> Int in
        throw Failed(which: 2)
      })
    }
    #expect(throws: Failed(which: 1)) {
      _ = try Parallel.both(
        { () throws(Failed) -> Int in throw Failed(which: 1) },
        { () throws(Failed) -> Int in
          // Slow on purpose: `both` must still wait for this before it throws.
          var x = 0
          for i in 0..<200_000 { x &+= i }
          finished = x > 0
          return x
        })
    }
    #expect(finished)
  }
}
