import KravCore

/// Interface text for the reports (issue 21), in Norwegian bokmål and English; like `PL`, a
/// key without both texts does not compile.
public enum RL: CaseIterable, Sendable {
  case reportsTitle, ageing, collected, promises, funnel, dso, collectors
  case notDue, days, over365, total, period, amount, claims
  case principal, interest, fees, compensation, overpaid
  case srcPlan, srcCall, srcLaterStep, srcInkassovarsel, srcReminder, srcInvoice, bySource
  case made, kept, partlyKept, broken, pending, superseded, promised, paid, keptShare
  case step, reached, paid14, paid30, disputesOpened, disputesResolved
  case month, sales, receivablesStart, receivablesEnd, currentEnd, dsoDays, cei
  case collector, calls, reachedShare, plansSigned, steps, nobody
  case byDay, byWeek, byMonth, consumers, businesses
  case keyReport, keyPeriodBack, keyPeriodForward, keyGrouping, keyDrill, keyReports
  case drillTitle, noData, customer
}

extension Catalogue {
  /// Report text in this catalogue's language.
  public func report(_ key: RL) -> String {
    let (nb, en) = Catalogue.reportPair(key)
    return lang == .nb ? nb : en
  }

  // swiftlint:disable:next cyclomatic_complexity function_body_length
  static func reportPair(_ key: RL) -> (String, String) {
    switch key {
    case .reportsTitle: return ("Rapporter", "Reports")
    case .ageing: return ("Aldersfordeling", "Ageing")
    case .collected: return ("Innbetalt", "Collected")
    case .promises: return ("Betalingsløfter", "Promises")
    case .funnel: return ("Trappen", "Ladder funnel")
    case .dso: return ("DSO og CEI", "DSO and CEI")
    case .collectors: return ("Saksbehandlere", "Collectors")
    case .notDue: return ("ikke forfalt", "not due")
    case .days: return ("dager", "days")
    case .over365: return ("over 365 dager", "over 365 days")
    case .total: return ("Sum", "Total")
    case .period: return ("Periode", "Period")
    case .amount: return ("Beløp", "Amount")
    case .claims: return ("Krav", "Claims")
    case .principal: return ("Hovedstol", "Principal")
    case .interest: return ("Renter", "Interest")
    case .fees: return ("Gebyrer", "Fees")
    case .compensation: return ("Kompensasjon", "Compensation")
    case .overpaid: return ("Overbetalt", "Overpaid")
    case .srcPlan: return ("i betalingsavtale", "in a plan")
    case .srcCall: return ("etter samtale", "after a call")
    case .srcLaterStep: return ("etter senere steg", "after a later step")
    case .srcInkassovarsel: return ("etter inkassovarsel", "after the inkassovarsel")
    case .srcReminder: return ("etter purring", "after the reminder")
    case .srcInvoice: return ("før purring", "before any step")
    case .bySource: return ("Etter hva som kom før", "By what preceded it")
    case .made: return ("Gitt", "Made")
    case .kept: return ("Holdt", "Kept")
    case .partlyKept: return ("Delvis", "Partly")
    case .broken: return ("Brutt", "Broken")
    case .pending: return ("Løper", "Pending")
    case .superseded: return ("Erstattet", "Superseded")
    case .promised: return ("Lovet", "Promised")
    case .paid: return ("Betalt", "Paid")
    case .keptShare: return ("Holdt %", "Kept %")
    case .step: return ("Steg", "Step")
    case .reached: return ("Nådd", "Reached")
    case .paid14: return ("Betalt ≤14 d", "Paid ≤14 d")
    case .paid30: return ("Betalt ≤30 d", "Paid ≤30 d")
    case .disputesOpened: return ("Innsigelser åpnet", "Disputes opened")
    case .disputesResolved: return ("Innsigelser avgjort", "Disputes resolved")
    case .month: return ("Måned", "Month")
    case .sales: return ("Fakturert", "Credit sales")
    case .receivablesStart: return ("Utestående start", "AR start")
    case .receivablesEnd: return ("Utestående slutt", "AR end")
    case .currentEnd: return ("Ikke forfalt", "Current")
    case .dsoDays: return ("DSO (dager)", "DSO (days)")
    case .cei: return ("CEI %", "CEI %")
    case .collector: return ("Saksbehandler", "Collector")
    case .calls: return ("Samtaler", "Calls")
    case .reachedShare: return ("Nådd %", "Reached %")
    case .plansSigned: return ("Avtaler", "Plans")
    case .steps: return ("Steg", "Steps")
    case .nobody: return ("(ingen)", "(nobody)")
    case .byDay: return ("per dag", "by day")
    case .byWeek: return ("per uke", "by week")
    case .byMonth: return ("per måned", "by month")
    case .consumers: return ("Forbrukere", "Consumers")
    case .businesses: return ("Bedrifter", "Businesses")
    case .keyReport: return ("rapport", "report")
    case .keyPeriodBack: return ("forrige periode", "earlier")
    case .keyPeriodForward: return ("neste periode", "later")
    case .keyGrouping: return ("dag/uke/måned", "day/week/month")
    case .keyDrill: return ("vis kunder", "drill down")
    case .keyReports: return ("rapporter", "reports")
    case .drillTitle: return ("Bak stolpen", "Behind the bar")
    case .noData: return ("Ingen tall i perioden", "No figures in the period")
    case .customer: return ("Kunde", "Customer")
    }
  }
}
