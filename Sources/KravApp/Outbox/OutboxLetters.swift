import KravCore
import KravLetters

/// What writing a step letter adds for the outbox (issue 19), called by `sendLetters`.
public enum OutboxLetters {
  /// The PDF the debtor gets (printed, or attached to the e-mail) and its layout, written
  /// beside the text before the events that name the letter.
  public static func printedFiles(_ l: LetterDraft, creditor: Creditor) throws -> [DocumentFile] {
    try PrintedDocuments.files(for: l, creditor: creditor)
  }

  /// The letter's events: a letter to the debtor goes through the outbox, so its
  /// `step-triggered` events carry `dispatch` and its deadline runs from the day it is sent or
  /// printed (`document-sent`/`document-printed`), not from today. A re-issued letter marks
  /// the one it replaces `document-superseded`.
  public static func events(of l: LetterDraft) -> [Event] {
    var events = l.events
    if !l.isCourtDraft && l.step != .agency {
      for i in events.indices where events[i].type == .stepTriggered {
        events[i].extra["dispatch"] = "\"outbox\""
      }
    }
    if let old = l.reissueOf {
      var s = Event.draft(.documentSuperseded, customer: l.customerId)
      s.ref = old
      s.date = l.sent
      s.extra["replaced_by"] = PlanJSONText.quote(l.id)
      events.append(s)
    }
    return events
  }
}
