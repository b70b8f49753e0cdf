/// Sizes an incident from what a store read: its messages with their
/// stored recipients and exposures, and the follow-ups recorded. Every store
/// hands its rows to this one function, so the counts a regulator gets
/// cannot differ between a SQLite and a PostgreSQL index.
public enum IncidentSizing {
  /// One exposed address of one message, as stored.
  public struct Exposure: Sendable {
    public var address: String
    /// Where it stands among the message's recipients (negative: find it by
    /// address; see the v5 migration).
    public var recipientIndex: Int
    public var party: String
    public var personal: Bool

    public init(address: String, recipientIndex: Int, party: String, personal: Bool) {
      self.address = address
      self.recipientIndex = recipientIndex
      self.party = party
      self.personal = personal
    }
  }

  /// One message of the incident, in the incident's order (earliest first).
  public struct Member: Sendable {
    public var message: IncidentMessage
    /// The stored visible recipients, where display names are read from.
    public var recipients: [VisibleRecipient]
    /// In recipient order.
    public var exposures: [Exposure]

    public init(message: IncidentMessage, recipients: [VisibleRecipient], exposures: [Exposure]) {
      self.message = message
      self.recipients = recipients
      self.exposures = exposures
    }
  }

  /// The stored incident row: what the analysis concluded.
  public struct Stored: Sendable {
    public var id: String
    public var severity: Severity
    public var people: Int
    public var personalCount: Int
    public var parties: Int
    public var firstSent: Int64?
    public var lastSent: Int64?

    public init(
      id: String, severity: Severity, people: Int, personalCount: Int, parties: Int, firstSent: Int64?,
      lastSent: Int64?
    ) {
      self.id = id
      self.severity = severity
      self.people = people
      self.personalCount = personalCount
      self.parties = parties
      self.firstSent = firstSent
      self.lastSent = lastSent
    }
  }

  /// The incident's detail: every exposed person, who saw them, the
  /// parties, and the counts with and without confirmed deletions. With
  /// `zone` the incident's first and last send are given in it when no
  /// member message is dated.
  public static func detail(
    _ incident: Stored, members: [Member], followUps statusOf: [String: FollowUpStatus], zone: ReportTimeZone?
  ) -> IncidentDetail {
    struct Seen {
      var displayName: String?
      var party: String
      var personal: Bool
      var messages: [String] = []
      var viewers = Set<String>()
      var viewerParties = Set<String>()
    }
    var seen: [String: Seen] = [:]
    for member in members {
      let m = member.message
      for e in member.exposures {
        let name = RecipientsColumn.displayName(at: e.recipientIndex, address: e.address, in: member.recipients)
        var s = seen[e.address] ?? Seen(displayName: name, party: e.party, personal: e.personal)
        if s.displayName == nil { s.displayName = name }
        s.messages.append(m.messageID ?? m.key)
        for other in member.exposures where other.party != s.party {
          s.viewers.insert(other.address)
          s.viewerParties.insert(other.party)
        }
        seen[e.address] = s
      }
    }

    var persons: [IncidentPerson] = []
    var partyOf: [String: IncidentParty] = [:]
    var pairs = 0
    var pairsUnconfirmed = 0
    var counts = FollowUpCounts()
    for (address, s) in seen.sorted(by: { $0.key < $1.key }) {
      let unconfirmed = s.viewers.filter { statusOf[$0] != .deleted }.count
      pairs += s.viewers.count
      pairsUnconfirmed += unconfirmed
      let guess = IdentifiabilityGuess(address: address, displayName: s.displayName, personal: s.personal)
      persons.append(
        IncidentPerson(
          address: address, displayName: s.displayName, party: s.party, personal: s.personal,
          messages: s.messages, seenByParties: s.viewerParties.sorted(), seenBy: s.viewers.count,
          seenByUnconfirmed: unconfirmed, followUp: statusOf[address], identifiesPerson: guess.answer,
          identifiabilityReason: guess.reason))
      var p = partyOf[s.party] ?? IncidentParty(party: s.party, exposedPeople: 0, personal: 0, exposedUnconfirmed: 0)
      p.exposedPeople += 1
      if s.personal { p.personal += 1 }
      if unconfirmed > 0 { p.exposedUnconfirmed += 1 }
      partyOf[s.party] = p
      switch statusOf[address] {
      case .asked: counts.asked += 1
      case .deleted: counts.deleted += 1
      case .noAnswer: counts.noAnswer += 1
      case nil: counts.notRecorded += 1
      }
    }
    let messages = members.map(\.message)
    // Incident dates in the first and last message's own offsets.
    let dated = messages.filter { $0.dateEpoch != nil }
    let stillCounted = persons.filter { $0.seenByUnconfirmed > 0 }
    return IncidentDetail(
      id: incident.id, severity: incident.severity, people: incident.people, personal: incident.personalCount,
      parties: incident.parties, messageCount: messages.count, exposurePairs: pairs,
      peopleUnconfirmed: stillCounted.count, personalUnconfirmed: stillCounted.filter(\.personal).count,
      exposurePairsUnconfirmed: pairsUnconfirmed,
      firstSent: dated.first?.date ?? incident.firstSent.map { ReportTimeZone.stamp($0, offset: 0, in: zone) },
      lastSent: dated.max { ($0.dateEpoch ?? 0) < ($1.dateEpoch ?? 0) }?.date
        ?? incident.lastSent.map { ReportTimeZone.stamp($0, offset: 0, in: zone) },
      messages: messages, persons: persons,
      partyList: partyOf.values.sorted { ($0.exposedPeople, $1.party) > ($1.exposedPeople, $0.party) },
      followUps: counts)
  }
}
