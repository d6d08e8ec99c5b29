/// Word lists for the demo data: Norwegian names, firms, places and collector texts.
///
/// Plenty of æ, ø and å on purpose, so that every screen and file path is exercised with them.
enum DemoNames {
  static let firstNames = [
    "Bjørn", "Kjærsti", "Åse", "Øystein", "Ørjan", "Sølvi", "Mari", "Ola", "Kari", "Håkon",
    "Jørgen", "Siri", "Ingrid", "Lars", "Nils", "Kåre", "Ståle", "Solveig", "Marte", "Anders",
    "Eirik", "Jonas", "Frøydis", "Gøril", "Tormod", "Randi", "Astrid", "Terje", "Trond", "Hege",
    "Lise", "Erling", "Bård", "Pål", "Åsmund", "Sindre", "Vegard", "Ragnhild", "Torunn", "Dagny",
    "Gry", "Linnéa", "Amir", "Fatima", "Ali", "Anna", "Piotr", "Oksana", "Mette", "Jørund",
    "Tove", "Sigbjørn", "Liv", "Åslaug", "Øyvind", "Grete", "Henrik", "Nora", "Emma", "Jakob",
  ]

  static let lastNames = [
    "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen",
    "Jensen", "Karlsen", "Sørensen", "Løvås", "Kjærstad", "Ødegård", "Bråten", "Sæther", "Strøm",
    "Nygård", "Dahl", "Haugen", "Hagen", "Halvorsen", "Berg", "Bakke", "Lien", "Moen", "Solberg",
    "Ærø", "Åsheim", "Fjærli", "Grønli", "Østby", "Myhre", "Tveit", "Vik", "Lunde", "Ruud",
    "Holm", "Haaland", "Bøe", "Kvåle", "Rødseth", "Hovland", "Brøndbo", "Mæland", "Søvik",
  ]

  static let firmPrefixes = [
    "Løvås", "Tromsø", "Ålesund", "Bodø", "Grünerløkka", "Kjærstad", "Sørensen", "Nordlys",
    "Fjellheim", "Røros", "Ærø", "Østlandet", "Bjørkelund", "Måkeskjær", "Sølvberg", "Fjordgløtt",
    "Hønefoss", "Brøttum", "Vestkyst", "Tøyen", "Bryggen", "Mjøsa", "Åsane", "Trøndelag",
  ]

  static let firmTrades = [
    "Bygg", "Elektro", "Rørleggerservice", "Transport", "Maling", "Regnskap", "Kaffebar",
    "Bakeri", "Blomster", "Snekkerverksted", "Eiendom", "Catering", "Tannklinikk", "Frisør",
    "Trafikkskole", "Bilverksted", "Renhold", "Reklamebyrå", "Fisk & Skalldyr", "Sykkelverksted",
  ]

  static let firmForms = ["AS", "AS", "AS", "AS", "ANS", "DA"]

  static let streets = [
    "Thorvald Meyers gate", "Markveien", "Storgata", "Kirkegata", "Løvåsveien",
    "Bjørnstjerne Bjørnsons gate", "Kjærstadveien", "Sørengkaia", "Åsveien", "Bakkegata",
    "Fjellveien", "Strandgata", "Skolegata", "Møllergata", "Tøyengata", "Øvre Slottsgate",
    "Nedre Løkkevei", "Grønnegata", "Kongens gate", "Sjøgata", "Bråtenveien", "Åkerveien",
  ]

  /// Postcode and town.
  static let towns: [(String, String)] = [
    ("0557", "Oslo"), ("0182", "Oslo"), ("5003", "Bergen"), ("7011", "Trondheim"),
    ("4006", "Stavanger"), ("9008", "Tromsø"), ("6002", "Ålesund"), ("8006", "Bodø"),
    ("4611", "Kristiansand"), ("3015", "Drammen"), ("1606", "Fredrikstad"), ("2317", "Hamar"),
    ("2609", "Lillehammer"), ("2815", "Gjøvik"), ("6413", "Molde"), ("5527", "Haugesund"),
    ("4307", "Sandnes"), ("3110", "Tønsberg"), ("3724", "Skien"), ("4836", "Arendal"),
    ("9405", "Harstad"), ("8514", "Narvik"), ("6800", "Førde"), ("7374", "Røros"),
    ("1470", "Lørenskog"), ("1706", "Sarpsborg"), ("7713", "Steinkjer"), ("8622", "Mo i Rana"),
  ]

  static let consumerMailDomains = ["gmail.com", "online.no", "hotmail.com", "outlook.com"]

  static let invoiceTexts = [
    "Konsulenttimer", "Levering av varer", "Serviceavtale", "Reparasjon av varmepumpe",
    "Abonnement, kvartal", "Maling av fasade", "Renhold av kontorlokaler", "Kurs i førstehjelp",
    "Montering av kjøkken", "Bytte av vinduer", "Snøbrøyting, sesong", "Årskontroll bil",
    "Catering til bedriftsfest", "Leie av lokale", "Tannbehandling", "Frakt Oslo–Tromsø",
  ]

  static let reachedSummaries = [
    "Snakket med kunden, lovet å betale innen fredag.",
    "Kunden ber om kopi av fakturaen på e-post; sendt samme dag.",
    "Kunden har økonomiske problemer og ønsker nedbetalingsavtale.",
    "Kunden mente fakturaen var betalt; ba om kvittering.",
    "Daglig leder bekreftet kravet, betaling går neste lønningsdag.",
    "Kunden var sur, men erkjente beløpet. Følger opp om én uke.",
    "Kunden erkjenner gjelden; nærmere avtale om betaling tas neste uke.",
  ]

  static let voicemailSummaries = [
    "La igjen beskjed på svarer, ba om tilbakeringing.",
    "Talepost: ba kunden ringe tilbake før kl. 15.",
  ]

  static let notes = [
    "Kunden har flyttet, ny adresse mottatt på e-post.",
    "Avtalt å sende ny faktura med riktig KID.",
    "Rette kontaktperson er økonomiansvarlig Bjørn; ring etter kl. 10.",
    "Kunden ønsker kun kontakt på e-post.",
    "Sjekk om kreditnota er sendt før neste purring.",
    "Kunden er sykemeldt, følg opp om to uker.",
    "Betalingen kom til feil konto – må avklares med banken.",
    "Bedriften har fått ny eier; kravet gjelder fortsatt.",
    "Kunden ba om at vi ikke ringer i arbeidstiden.",
    "Kunden er lærer og treffes best etter kl. 15.",
  ]

  /// Dispute reason code and text.
  static let disputes: [(String, String)] = [
    ("defect", "Varmepumpen sluttet å virke etter to uker; kunden holder tilbake en del."),
    ("wrong-amount", "Fakturert for ti timer, avtalt var åtte timer."),
    ("not-ordered", "Kunden sier at varen aldri ble bestilt."),
    ("already-paid", "Kunden mener fakturaen ble betalt i forrige måned."),
    ("other", "Kunden er uenig i leveringsbetingelsene og ønsker møte."),
  ]

  static let holdTexts = [
    "Venter på kreditnota fra salg.", "Kunden er innlagt på sykehus.",
    "Avventer svar fra forsikringsselskapet.", "Ny faktura sendes med korrigert beløp.",
  ]

  /// Lower-case ASCII for e-mail addresses: æ → ae, ø → o, å → aa, accents dropped.
  static func slug(_ text: String, separator: String = ".") -> String {
    var out = ""
    for ch in text.lowercased() {
      switch ch {
      case "æ": out += "ae"
      case "ø": out += "o"
      case "å": out += "aa"
      case "ü": out += "u"
      case "é": out += "e"
      case " ": out += separator
      default: if ch.isASCII && (ch.isLetter || ch.isNumber) { out.append(ch) }
      }
    }
    return out
  }
}
