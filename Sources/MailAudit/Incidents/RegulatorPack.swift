import Foundation

/// One field of a regulator's form: what mailaudit knows, and what a person
/// still has to write (a clearly marked blank).
public struct PackField: Codable, Sendable, Equatable {
  /// Short key (`nature`, `appi_3_number_of_people`).
  public var key: String
  public var title: String
  /// Filled from the index; nil when mailaudit knows nothing of it.
  public var filled: String?
  /// What a person must add; nil when the field is complete as filled.
  public var toWrite: String?
}

/// Deadlines computed from the moment the incident was discovered.
public struct PackDeadlines: Codable, Sendable, Equatable {
  public var discovered: String
  /// GDPR art. 33(1): to the supervisory authority.
  public var gdpr: String
  /// APPI preliminary report (速報).
  public var appiPreliminary: String
  /// APPI final report (確報).
  public var appiFinal: String
}

/// Whether the size crosses a reporting threshold.
public struct PackThresholds: Codable, Sendable, Equatable {
  public var peopleThreshold: Int
  public var overPeopleThreshold: Bool
  public var publicBody: Bool
  public var publicBodyThreshold: Int
  public var overPublicBodyThreshold: Bool
  /// The same tests on the count without confirmed deletions.
  public var overPeopleThresholdUnconfirmed: Bool
  public var overPublicBodyThresholdUnconfirmed: Bool
  /// Mandatory by the number of people alone (other grounds, such as
  /// sensitive data, are for a person to judge).
  public var mandatoryByCount: Bool
}

/// The estimated cost: price per exposed address times people.
public struct PackCost: Codable, Sendable, Equatable {
  public var pricePerAddress: Double
  public var currency: String
  public var amount: Double
  /// Leaving out people only recipients that confirmed deletion saw.
  public var amountUnconfirmed: Double
}

/// A party in the pack: private individuals are counted, never named.
public struct PackParty: Codable, Sendable, Equatable {
  public var party: String
  public var exposedPeople: Int
  public var personal: Int
}

/// The regulator pack of one incident (`report.json`; `report.html` shows
/// the same): GDPR art. 33(3) and the nine APPI items, filled with what the
/// index knows, blanks marked for the rest.
public struct RegulatorPack: Codable, Sendable, Equatable {
  public var incident: IncidentDetail
  public var organisation: String?
  public var generatedAt: String
  public var deadlines: PackDeadlines?
  public var thresholds: PackThresholds
  public var cost: PackCost?
  public var gdpr: [PackField]
  public var appi: [PackField]
  /// Organisations by name; private individuals as one line, uncounted by name.
  public var parties: [PackParty]
  public var tool: String

  /// Assembles the pack of `detail` under `settings`.
  public init(
    detail: IncidentDetail, settings: RegulatorSettings, discovered: DiscoveryTime?, generatedAt: String? = nil
  ) {
    incident = detail
    organisation = settings.organisation
    self.generatedAt = generatedAt ?? ISO8601.now()
    tool = "mailaudit \(MailAuditVersion.string)"
    deadlines = discovered.map { d in
      PackDeadlines(
        discovered: d.text, gdpr: d.adding(seconds: Int64(settings.gdprHours) * 3600).text,
        appiPreliminary: d.adding(seconds: Int64(settings.preliminaryDays) * 86400).text,
        appiFinal: d.adding(seconds: Int64(settings.finalDays) * 86400).text)
    }
    let overPeople = detail.people > settings.peopleThreshold
    let overPublic = detail.people > settings.publicBodyThreshold
    thresholds = PackThresholds(
      peopleThreshold: settings.peopleThreshold, overPeopleThreshold: overPeople, publicBody: settings.publicBody,
      publicBodyThreshold: settings.publicBodyThreshold, overPublicBodyThreshold: overPublic,
      overPeopleThresholdUnconfirmed: detail.peopleUnconfirmed > settings.peopleThreshold,
      overPublicBodyThresholdUnconfirmed: detail.peopleUnconfirmed > settings.publicBodyThreshold,
      mandatoryByCount: overPeople || (settings.publicBody && overPublic))
    cost = settings.pricePerAddress.map { price in
      PackCost(
        pricePerAddress: price, currency: settings.currency, amount: price * Double(detail.people),
        amountUnconfirmed: price * Double(detail.peopleUnconfirmed))
    }
    // A private individual's party is their own address: counted, not named.
    let organisations = detail.partyList.filter { $0.personal == 0 }
    let individuals = detail.partyList.reduce(0) { $0 + $1.personal }
    parties = organisations.map { PackParty(party: $0.party, exposedPeople: $0.exposedPeople, personal: $0.personal) }
    if individuals > 0 {
      parties.append(PackParty(party: "private individuals (personal-mail providers)", exposedPeople: individuals, personal: individuals))
    }
    let facts = PackFacts(detail)
    gdpr = facts.gdprFields()
    appi = facts.appiFields()
  }
}

/// The sentences the pack fills in, from the incident's numbers.
struct PackFacts {
  let d: IncidentDetail

  init(_ detail: IncidentDetail) { d = detail }

  var period: String {
    switch (d.firstSent, d.lastSent) {
    case (let a?, let b?) where a == b: "on \(a)"
    case (let a?, let b?): "between \(a) and \(b)"
    default: "(send dates unreadable)"
    }
  }

  var senders: String {
    let all = Set(d.messages.compactMap(\.sender))
    return all.isEmpty ? "(unreadable sender)" : all.sorted().joined(separator: ", ")
  }

  var named: Int { d.persons.filter { $0.displayName != nil }.count }

  var nature: String {
    "\(d.messageCount) e-mail message\(d.messageCount == 1 ? "" : "s") sent \(period) by \(senders) listed "
      + "\(d.people) external recipients of \(d.parties) parties in To or Cc instead of Bcc, so every recipient "
      + "received the e-mail addresses of recipients at other organisations or private individuals "
      + "(\(d.exposurePairs) address-to-recipient disclosures)."
  }

  var people: String {
    "\(d.people) people (\(d.personal) private individuals at personal-mail providers, "
      + "\(d.people - d.personal) at organisations); \(d.peopleUnconfirmed) when recipients that confirmed "
      + "deleting the message are left out (PPC Q&A 6-1)."
  }

  var items: String {
    "E-mail addresses (\(d.people)); display names shown with \(named) of them. Message bodies and attachments "
      + "were not examined by mailaudit."
  }

  var followUp: String {
    let f = d.followUps
    return "Recipients asked to delete the message: \(f.asked + f.deleted + f.noAnswer) of \(d.people); "
      + "confirmed deleted: \(f.deleted); no answer: \(f.noAnswer); nothing recorded: \(f.notRecorded)."
  }

  var evidence: String {
    let hashed = d.messages.filter { $0.sha256 != nil }.count
    return "Evidence: \(d.messageCount) sent message\(d.messageCount == 1 ? "" : "s") identified by Message-ID, "
      + "\(hashed) with a SHA-256 of the raw message (listed below). Incident id \(d.id)."
  }

  func gdprFields() -> [PackField] {
    [
      PackField(key: "a_nature", title: "Art. 33(3)(a) Nature of the personal data breach", filled: nature,
        toWrite: "Confirm the description; add how the breach was discovered."),
      PackField(key: "a_categories_of_data_subjects", title: "Art. 33(3)(a) Categories of data subjects",
        filled: "Recipients of the message(s): \(d.personal) private individuals, \(d.people - d.personal) "
          + "contacts at \(d.partyList.filter { $0.personal == 0 }.count) organisations.",
        toWrite: "Describe who they are (customers, applicants, members...)."),
      PackField(key: "a_number_of_data_subjects", title: "Art. 33(3)(a) Approximate number of data subjects",
        filled: people, toWrite: nil),
      PackField(key: "a_categories_of_records", title: "Art. 33(3)(a) Categories of personal data records",
        filled: items, toWrite: "Add anything the message body or attachments disclosed."),
      PackField(key: "a_number_of_records", title: "Art. 33(3)(a) Approximate number of records",
        filled: "\(d.people) addresses disclosed to other recipients; \(d.exposurePairs) disclosures "
          + "(address, recipient of another party).", toWrite: nil),
      PackField(key: "b_contact", title: "Art. 33(3)(b) Data protection officer or other contact point",
        filled: nil, toWrite: "Name and contact details."),
      PackField(key: "c_consequences", title: "Art. 33(3)(c) Likely consequences", filled: nil,
        toWrite: "E.g. unsolicited contact, phishing aimed at the disclosed addresses; assess for this case."),
      PackField(key: "d_measures", title: "Art. 33(3)(d) Measures taken or proposed", filled: followUp,
        toWrite: "Measures to address the breach and mitigate its effects."),
    ]
  }

  func appiFields() -> [PackField] {
    [
      PackField(key: "appi_1_overview", title: "1. Overview (概要)", filled: nature,
        toWrite: "When and how it was discovered; confirm the description."),
      PackField(key: "appi_2_data_items", title: "2. Personal data items (漏えい等した個人データの項目)", filled: items,
        toWrite: "Add any item in the body or attachments; say whether sensitive data (要配慮個人情報) was included."),
      PackField(key: "appi_3_number_of_people", title: "3. Number of people (本人の数)", filled: people, toWrite: nil),
      PackField(key: "appi_4_cause", title: "4. Cause (原因)",
        filled: "Recipients entered in To/Cc instead of Bcc when sending to many external recipients.",
        toWrite: "Why it happened (procedure, tools, checks that failed)."),
      PackField(key: "appi_5_secondary_harm", title: "5. Secondary harm (二次被害又はそのおそれの有無及びその内容)",
        filled: nil, toWrite: "Whether secondary harm occurred or may occur, and what."),
      PackField(key: "appi_6_response_to_people", title: "6. Response to the people (本人への対応の実施状況)",
        filled: followUp, toWrite: "Apologies and notices sent to the people, with dates."),
      PackField(key: "appi_7_publication", title: "7. Publication (公表の実施状況)", filled: nil,
        toWrite: "Whether and when the incident was made public."),
      PackField(key: "appi_8_prevention", title: "8. Prevention (再発防止のための措置)", filled: nil,
        toWrite: "Measures against recurrence (e.g. a send-time check, BCC rules, training of the senders)."),
      PackField(key: "appi_9_other", title: "9. Other (その他参考となる事項)", filled: evidence, toWrite: nil),
    ]
  }
}
