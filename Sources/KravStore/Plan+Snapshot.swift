import KravCore

/// Instalment plans in the ledger snapshot (after the unmatched payments; see
/// Ledger+Snapshot.swift). A plan is a few dozen bytes plus its schedule.
extension BinaryWriter {
  mutating func write(_ p: Plan) {
    writeCompact(p.id)
    writeCompact(p.customer)
    writeVarint(UInt64(p.invoices.count))
    for inv in p.invoices { writeCompact(inv) }
    writeVarint(UInt64(p.instalments.count))
    for i in p.instalments {
      write(i.due)
      write(i.amount)
    }
    write(UInt8(PlanFrequency.allCases.firstIndex(of: p.frequency)!))
    write(p.proposedOn)
    write(p.signBy)
    write(UInt8(p.graceDays))
    write(p.projectedInterest)
    write(p.letter)
    writeVarint(UInt64(p.number))
    writeCompact(p.proposedBy)
    write(p.signedOn)
    write(p.signChannel)
    write(p.signedOffBy)
    write(p.acceleratedOn)
    write(p.accelerationLetter)
  }
}

extension BinaryReader {
  mutating func readPlan() throws -> Plan {
    let id = try readCompactString()
    let customer = try readCompactString()
    var invoices: [String] = []
    for _ in 0..<(try readSmallCount(minimumSize: 1)) { invoices.append(try readCompactString()) }
    var instalments: [Instalment] = []
    for _ in 0..<(try readSmallCount(minimumSize: 12)) {
      instalments.append(Instalment(due: try readDay(), amount: try readMoney()))
    }
    let f = Int(try readUInt8())
    guard f < PlanFrequency.allCases.count else { throw Malformed() }
    let proposedOn = try readDay()
    let signBy = try readDay()
    let grace = Int(try readUInt8())
    let interest = try readMoney()
    let letter = try readOptionalString()
    let number = Int(try readVarint())
    let by = try readCompactString()
    var p = Plan(
      id: id, customer: customer, invoices: invoices, instalments: instalments,
      frequency: PlanFrequency.allCases[f], proposedOn: proposedOn, signBy: signBy,
      graceDays: grace, projectedInterest: interest, number: number, proposedBy: by)
    p.letter = letter
    p.signedOn = try readOptionalDay()
    p.signChannel = try readOptionalString()
    p.signedOffBy = try readOptionalString()
    p.acceleratedOn = try readOptionalDay()
    p.accelerationLetter = try readOptionalString()
    return p
  }
}
