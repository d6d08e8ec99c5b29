import Testing

@testable import TerminalUI

@Suite("Geometry")
struct GeometryTests {
  @Test("negative sizes are clamped to zero")
  func clampsNegative() {
    let rect = Rect(x: 2, y: 3, width: -5, height: -1)
    #expect(rect.width == 0 && rect.height == 0 && rect.isEmpty)
    #expect(Rect(x: 0, y: 0, width: 3, height: 3).inset(by: 2).isEmpty)
  }

  @Test("constraints give fixed parts first and share the rest among flex parts")
  func resolve() {
    #expect(
      Constraint.resolve([.fixed(10), .flex(min: 1), .flex(min: 1)], total: 31) == [
        10, 11, 10,
      ])
    #expect(Constraint.resolve([.percent(50), .flex(min: 0)], total: 20) == [10, 10])
    #expect(Constraint.resolve([.fixed(10), .fixed(10)], total: 15) == [10, 5])
    #expect(Constraint.resolve([.fixed(3), .flex(min: 2)], total: 10, spacing: 1) == [3, 6])
    #expect(Constraint.resolve([.fixed(3), .flex(min: 2)], total: -4) == [0, 0])
  }

  @Test("splitting rows and columns tiles the rectangle")
  func split() {
    let screen = Rect(x: 0, y: 0, width: 80, height: 24)
    let (title, rest) = screen.splitTop(1)
    let (body, status) = rest.splitBottom(1)
    #expect(title == Rect(x: 0, y: 0, width: 80, height: 1))
    #expect(body == Rect(x: 0, y: 1, width: 80, height: 22))
    #expect(status == Rect(x: 0, y: 23, width: 80, height: 1))
    let columns = screen.columns([.fixed(20), .flex(min: 0)], spacing: 2)
    #expect(
      columns == [
        Rect(x: 0, y: 0, width: 20, height: 24), Rect(x: 22, y: 0, width: 58, height: 24),
      ])
    #expect(screen.centered(width: 10, height: 4) == Rect(x: 35, y: 10, width: 10, height: 4))
  }
}
