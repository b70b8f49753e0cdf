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

  /// The language the pack's sentences are in (`en`, `ja`).
  public var language: String
  /// "N addresses, of which M identify an individual (K unsure)": a guess
  /// that describes the people, never lowers their number.
  public var identifiability: IdentifiabilityCounts

  /// Assembles the pack of `detail` under `settings`, worded by `catalog`
  /// (English when nil).
  public init(
    detail: IncidentDetail, settings: RegulatorSettings, discovered: DiscoveryTime?, generatedAt: String? = nil,
    catalog: MessageCatalog? = nil
  ) throws {
    let catalog = try catalog ?? MessageCatalog.english()
    language = catalog.language.code
    incident = detail
    identifiability = detail.identifiability
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
      parties.append(PackParty(party: catalog["pack.individualsParty"], exposedPeople: individuals, personal: individuals))
    }
    let facts = PackFacts(detail, catalog: catalog)
    gdpr = facts.gdprFields()
    appi = facts.appiFields()
  }
}

/// The sentences the pack fills in, from the incident's numbers, worded by
/// the message catalogue (`pack.*`).
struct PackFacts {
  let d: IncidentDetail
  let c: MessageCatalog

  init(_ detail: IncidentDetail, catalog: MessageCatalog) {
    d = detail
    c = catalog
  }

  var period: String {
    switch (d.firstSent, d.lastSent) {
    case (let a?, let b?) where a == b: c.text("pack.periodOn", ["date": a])
    case (let a?, let b?): c.text("pack.periodBetween", ["first": a, "last": b])
    default: c["pack.periodUnknown"]
    }
  }

  var senders: String {
    let all = Set(d.messages.compactMap(\.sender))
    return all.isEmpty ? c["pack.unreadableSender"] : all.sorted().joined(separator: ", ")
  }

  var named: Int { d.persons.filter { $0.displayName != nil }.count }

  var nature: String {
    c.counted(
      "pack.nature", d.messageCount,
      ["period": period, "senders": senders, "people": d.people, "parties": d.parties, "pairs": d.exposurePairs])
  }

  var identifiable: String {
    let i = d.identifiability
    return c.text(
      "pack.identifiable",
      ["addresses": i.addresses, "identifying": i.identifying, "unsure": i.unsure, "notIdentifying": i.notIdentifying])
  }

  var people: String {
    let count = c.text(
      "pack.people",
      [
        "people": d.people, "personal": d.personal, "organisationPeople": d.people - d.personal,
        "unconfirmed": d.peopleUnconfirmed,
      ])
    // Sentences follow each other with a space in English, none in Japanese.
    return c.text("pack.sentences", ["first": count, "second": identifiable])
  }

  var items: String { c.text("pack.items", ["people": d.people, "named": named]) }

  var followUp: String {
    let f = d.followUps
    return c.text(
      "pack.followUp",
      [
        "asked": f.asked + f.deleted + f.noAnswer, "people": d.people, "deleted": f.deleted, "noAnswer": f.noAnswer,
        "notRecorded": f.notRecorded,
      ])
  }

  var evidence: String {
    let hashed = d.messages.filter { $0.sha256 != nil }.count
    return c.counted("pack.evidence", d.messageCount, ["hashed": hashed, "id": d.id])
  }

  func field(_ key: String, filled: String?, write: Bool) -> PackField {
    PackField(
      key: key, title: c["pack.field.\(key).title"], filled: filled,
      toWrite: write ? c["pack.field.\(key).toWrite"] : nil)
  }

  func gdprFields() -> [PackField] {
    [
      field("a_nature", filled: nature, write: true),
      field(
        "a_categories_of_data_subjects",
        filled: c.text(
          "pack.categories",
          [
            "personal": d.personal, "organisationPeople": d.people - d.personal,
            "organisations": d.partyList.filter { $0.personal == 0 }.count,
          ]), write: true),
      field("a_number_of_data_subjects", filled: people, write: false),
      field("a_categories_of_records", filled: items, write: true),
      field(
        "a_number_of_records", filled: c.text("pack.records", ["people": d.people, "pairs": d.exposurePairs]),
        write: false),
      field("b_contact", filled: nil, write: true),
      field("c_consequences", filled: nil, write: true),
      field("d_measures", filled: followUp, write: true),
    ]
  }

  func appiFields() -> [PackField] {
    [
      field("appi_1_overview", filled: nature, write: true),
      field("appi_2_data_items", filled: items, write: true),
      field("appi_3_number_of_people", filled: people, write: false),
      field("appi_4_cause", filled: c["pack.cause"], write: true),
      field("appi_5_secondary_harm", filled: nil, write: true),
      field("appi_6_response_to_people", filled: followUp, write: true),
      field("appi_7_publication", filled: nil, write: true),
      field("appi_8_prevention", filled: nil, write: true),
      field("appi_9_other", filled: evidence, write: false),
    ]
  }
}
