import MailAudit

/// The console's sections, as the navigation names them.
enum ConsoleSection: String, CaseIterable {
  case overview, incidents, lookup, runs

  var path: String {
    switch self {
    case .overview: "/"
    case .incidents: "/incidents"
    case .lookup: "/lookup"
    case .runs: "/runs"
    }
  }
}

extension Console {
  /// The frame of every page: title, navigation, the index and zone shown,
  /// the stylesheet and the script as files (the CSP allows nothing
  /// inline).
  func layout(
    title: String, body: String, catalog c: MessageCatalog, active: ConsoleSection?, navigation: Bool = true
  ) -> String {
    // Typed: GRDB's SQL is also string-interpolatable and joinable.
    let links: String = ConsoleSection.allCases.map { section -> String in
      let current = section == active ? " aria-current=\"page\"" : ""
      return "<a href=\"\(section.path)\"\(current)>\(HTML.escape(c["console.nav.\(section.rawValue)"]))</a>"
    }.joined()
    let nav = navigation
      ? """
        <nav class="main">\(links)</nav>
        <p class="meta">\(HTML.escape(c.text("console.meta", ["index": store.location, "zone": settings.zone.identifier])))</p>
        """ : ""
    return """
      <!doctype html>
      <html lang="\(HTML.escape(c.language.code))">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <meta name="referrer" content="no-referrer">
      <title>\(HTML.escape(title)) · mailaudit</title>
      <link rel="stylesheet" href="/assets/console.css">
      <script src="/assets/console.js" defer></script>
      </head>
      <body>
      <header class="top"><span class="brand">\(HTML.escape(c["console.brand"]))</span>\(nav)</header>
      <main>
      \(body)
      </main>
      </body>
      </html>
      """
  }

  /// A severity badge.
  func severityBadge(_ severity: Severity, _ c: MessageCatalog) -> String {
    "<span class=\"sev sev-\(severity.rawValue)\">\(HTML.escape(c["severity.\(severity.rawValue)"]))</span>"
  }

  /// A whole number as sentences show it (`14,108`).
  func number(_ value: Int) -> String {
    MessageCatalogNumbers.grouped(value)
  }
}

/// Thousands grouped as both English and Japanese officers write them.
enum MessageCatalogNumbers {
  static func grouped(_ value: Int) -> String {
    var digits = String(abs(value))
    var groups: [String] = []
    while digits.count > 3 {
      groups.insert(String(digits.suffix(3)), at: 0)
      digits.removeLast(3)
    }
    groups.insert(digits, at: 0)
    return (value < 0 ? "-" : "") + groups.joined(separator: ",")
  }
}
