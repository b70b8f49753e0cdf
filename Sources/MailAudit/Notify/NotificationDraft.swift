import Crypto
import Foundation
import MailParsing

/// One ready-to-send follow-up message: an `.eml` file marked as a draft
/// (`X-Unsent: 1`) so Outlook and Thunderbird open it ready to send.
public struct NotificationDraft: Sendable, Equatable {
  /// The file name it is written under.
  public var fileName: String
  /// The exposed addresses it is meant for (one, or all with Bcc).
  public var intended: [String]
  /// The message: CRLF lines, RFC 5322 headers (RFC 2047 encoded words for
  /// non-ASCII), a UTF-8 body in base64.
  public var bytes: [UInt8]

  /// The draft file for `address`: readable, unique (a short hash of the
  /// address keeps `a.b@x` and `a_b@x` apart) and safe as a file name.
  public static func fileName(for address: String) -> String {
    var safe = ""
    for scalar in address.lowercased().unicodeScalars {
      switch scalar {
      case "a"..."z", "0"..."9", ".", "-", "_": safe.unicodeScalars.append(scalar)
      case "@": safe += "_at_"
      default: safe += "_"
      }
    }
    if safe.count > 80 { safe = String(safe.prefix(80)) }
    let hash = Array(SHA256.hash(data: Data(address.utf8)).prefix(4)).hexString
    return "\(safe)-\(hash).eml"
  }

  /// The file of the one draft with every address in Bcc.
  public static let singleBccFileName = "all-recipients-bcc.eml"
}

/// What the drafts say about the incident and who sends them.
public struct DraftFacts: Sendable, Equatable {
  /// The organisation sending the apology (placeholder `{{organisation}}`).
  public var organisation: String
  /// Who to contact (`{{contact}}`): a name, a telephone number, an address.
  public var contact: String
  /// The address the drafts come from: the incident's sender.
  public var sender: String
  /// Subject and date of the incident's first message, as written to the
  /// recipients (`{{message_subject}}`, `{{message_date}}`).
  public var messageSubject: String
  public var messageDate: String

  public init(organisation: String, contact: String, sender: String, messageSubject: String, messageDate: String) {
    self.organisation = organisation
    self.contact = contact
    self.sender = sender
    self.messageSubject = messageSubject
    self.messageDate = messageDate
  }

  /// The facts of `detail`: its first message's sender, subject and date
  /// (in `zone`, worded by the catalogue's `notify.dateFormat`).
  public init(
    detail: IncidentDetail, organisation: String, contact: String?, zone: ReportTimeZone, catalog: MessageCatalog
  ) throws {
    guard let first = detail.messages.first(where: { $0.sender != nil }), let sender = first.sender else {
      throw NotifyError.noSender(incident: detail.id)
    }
    var date = ""
    if let epoch = first.dateEpoch {
      let formatter = DateFormatter()
      formatter.locale = Locale(identifier: "en_US_POSIX")
      formatter.timeZone = zone.zone
      formatter.dateFormat = catalog["notify.dateFormat"]
      date = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(epoch)))
    }
    self.init(
      organisation: organisation, contact: contact ?? sender, sender: sender,
      messageSubject: first.subject ?? "", messageDate: date)
  }
}

/// Makes, checks and writes the follow-up drafts of an incident.
public struct NotificationDrafts: Sendable {
  /// One draft per exposed address, or one draft with them all in Bcc.
  public enum Mode: Sendable, Equatable {
    case each
    case singleBcc
  }

  public var template: DraftTemplate
  public var facts: DraftFacts
  public var mode: Mode
  public var catalog: MessageCatalog
  public var zone: ReportTimeZone
  /// The Date of the drafts; fixed by tests.
  public var now: Date

  public init(
    template: DraftTemplate, facts: DraftFacts, mode: Mode, catalog: MessageCatalog, zone: ReportTimeZone,
    now: Date = Date()
  ) {
    self.template = template
    self.facts = facts
    self.mode = mode
    self.catalog = catalog
    self.zone = zone
    self.now = now
  }

  /// The drafts for the exposed people of `detail`, not yet checked.
  public func make(for persons: [IncidentPerson]) -> [NotificationDraft] {
    let sender = MIMEText.mailbox(name: facts.organisation, address: facts.sender)
    var common = [
      "organisation": facts.organisation, "contact": facts.contact, "sender": sender,
      "message_subject": facts.messageSubject, "message_date": facts.messageDate,
    ]
    switch mode {
    case .each:
      return persons.map { p in
        var values = common
        values["recipient"] = MIMEText.mailbox(name: p.displayName, address: p.address)
        values["recipient_name"] = p.displayName ?? ""
        values["recipient_address"] = p.address
        values["greeting"] =
          p.displayName.map { catalog.text("notify.greeting", ["name": $0]) } ?? catalog["notify.greetingNoName"]
        return NotificationDraft(
          fileName: NotificationDraft.fileName(for: p.address), intended: [p.address],
          bytes: message(values, bcc: []))
      }
    case .singleBcc:
      // Nobody in To or Cc but the sender: `{{recipient}}` is the sender.
      common["recipient"] = sender
      common["recipient_name"] = facts.organisation
      common["recipient_address"] = facts.sender
      common["greeting"] = catalog["notify.greetingAll"]
      let all = persons.map(\.address)
      return [
        NotificationDraft(fileName: NotificationDraft.singleBccFileName, intended: all, bytes: message(common, bcc: all))
      ]
    }
  }

  /// The message bytes for one set of placeholder values.
  func message(_ values: [String: String], bcc: [String]) -> [UInt8] {
    var lines: [String] = []
    var hasFrom = false
    var bccList = bcc
    for (name, raw) in template.headers {
      let value = DraftTemplate.fill(raw, values)
      switch name {
      case "subject": lines.append(MIMEText.unstructured("Subject", value))
      case "from", "to", "cc", "bcc", "reply-to":
        let field = ["from": "From", "to": "To", "cc": "Cc", "bcc": "Bcc", "reply-to": "Reply-To"][name] ?? name
        let list = AddressListParser.parse(value).addresses
        if name == "from" { hasFrom = true }
        if name == "bcc" {
          bccList = list.map(\.addrSpec) + bccList
          continue
        }
        if list.isEmpty { continue }
        lines.append(MIMEText.addressField(field, list.map { ($0.displayName, $0.addrSpec) }))
      default: continue
      }
    }
    if !hasFrom { lines.insert(MIMEText.addressField("From", [(facts.organisation, facts.sender)]), at: 0) }
    if !bccList.isEmpty { lines.append(MIMEText.addressField("Bcc", bccList.map { (nil, $0) })) }
    let domain = facts.sender.split(separator: "@").last.map(String.init) ?? "localhost"
    lines += [
      "Date: " + MIMEText.date(now, zone: zone),
      "Message-ID: <\(UUID().uuidString.lowercased())@\(domain)>",
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=UTF-8",
      "Content-Transfer-Encoding: base64",
      "X-Unsent: 1",
      "X-Mailer: mailaudit \(MailAuditVersion.string)",
    ]
    let body = DraftTemplate.fill(template.body, values).replacingOccurrences(of: "\r\n", with: "\n")
      .replacingOccurrences(of: "\n", with: "\r\n")
    return Array((lines.joined(separator: "\r\n") + "\r\n\r\n" + MIMEText.base64Lines(Array(body.utf8))).utf8)
  }

  /// Reads every draft back with MailParsing and runs the exposure analyzer
  /// on it, as on any sent message: the reasons the drafts must not be
  /// written, empty when every draft shows its reader no other exposed
  /// party. A draft is unsafe when the analyzer finds an exposure, or when
  /// its visible external recipients are anything but its one intended
  /// address (with Bcc: anything at all).
  public func audit(_ drafts: [NotificationDraft], domains: DomainCatalog) -> [(file: String, reason: String)] {
    let senderDomain = facts.sender.split(separator: "@").last.map { String($0).lowercased() } ?? ""
    let own = domains.providers.contains(senderDomain) ? [] : [domains.organisation(of: senderDomain)]
    var analyzer = ExposureAnalyzer(
      policy: ExposurePolicy(), internalDomains: InternalDomainSet(domains: own, inferred: false), catalog: domains)
    var problems: [(file: String, reason: String)] = []
    for draft in drafts {
      let raw = RawMessage(
        location: MessageLocation(format: .single, mailbox: draft.fileName, file: draft.fileName),
        header: Self.headerBlock(draft.bytes))
      let headers = MessageHeaders(parsing: raw)
      let visible = VisibleRecipients(headers)
      let message = SentMessage(key: draft.fileName, recipients: visible.recipients)
      if case .exposure(let finding) = analyzer.analyze(message) {
        problems.append(
          (draft.fileName, "\(finding.exposed.count) addresses of \(finding.parties) parties visible to each other"))
        continue
      }
      if !visible.unreadable.isEmpty {
        problems.append((draft.fileName, "unreadable recipients: \(visible.unreadable.joined(separator: ", "))"))
        continue
      }
      let sender = AddressNormalizing.normalized(facts.sender)
      let shown = visible.recipients.map(\.address).filter { address in
        address != sender && !(InternalDomainSet(domains: own, inferred: false).contains(
          String(address.split(separator: "@").last ?? "")))
      }
      let allowed = mode == .each ? Set(draft.intended) : []
      let extra = shown.filter { !allowed.contains($0) }
      if !extra.isEmpty {
        problems.append((draft.fileName, "shows \(extra.joined(separator: ", ")) in To or Cc"))
      } else if mode == .each, shown.count != 1 {
        problems.append((draft.fileName, "is not addressed to its one recipient"))
      }
    }
    return problems
  }

  /// The header block of a message: up to the first empty line.
  static func headerBlock(_ bytes: [UInt8]) -> [UInt8] {
    var i = 0
    while i + 3 < bytes.count {
      if bytes[i] == 13, bytes[i + 1] == 10, bytes[i + 2] == 13, bytes[i + 3] == 10 { return Array(bytes[..<(i + 2)]) }
      i += 1
    }
    return bytes
  }

  /// Makes the drafts, audits them, and only when every one is safe writes
  /// them into `folder` (0700, files 0600) with `drafts.csv`, the list of
  /// who gets which file and their follow-up status.
  /// - Throws: ``NotifyError/unsafe(drafts:firstFile:reason:)`` with
  ///   nothing written when any draft would expose an address.
  public func write(for detail: IncidentDetail, domains: DomainCatalog, into folder: URL) throws -> [URL] {
    let drafts = make(for: detail.persons)
    let problems = audit(drafts, domains: domains)
    if let first = problems.first {
      throw NotifyError.unsafe(drafts: problems.count, firstFile: first.file, reason: first.reason)
    }
    try PrivateFiles.createDirectory(folder)
    var written: [URL] = []
    for draft in drafts {
      let url = folder.appendingPathComponent(draft.fileName)
      try PrivateFiles.write(draft.bytes, to: url)
      written.append(url)
    }
    var csv = CSVWriter()
    csv.row(["address", "display_name", "draft", "follow_up"])
    for p in detail.persons {
      let file = mode == .each ? NotificationDraft.fileName(for: p.address) : NotificationDraft.singleBccFileName
      csv.row([p.address, p.displayName ?? "", file, p.followUp?.rawValue ?? ""])
    }
    let list = folder.appendingPathComponent("drafts.csv")
    try PrivateFiles.write(csv.bytes, to: list)
    return written + [list]
  }
}
