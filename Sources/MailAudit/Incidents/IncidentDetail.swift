/// Where one copy of a message was found, enough to read its bytes again.
public struct EvidenceLocation: Codable, Sendable, Equatable {
  /// `mbox`, `maildir` or `eml`.
  public var format: String
  public var mailbox: String
  public var file: String
  public var offset: Int64
  public var length: Int64?
  /// How reports name it: `file@offset` in an mbox, `cur/NAME` in a Maildir.
  public var text: String

  public init(format: String, mailbox: String, file: String, offset: Int64, length: Int64?) {
    self.format = format
    self.mailbox = mailbox
    self.file = file
    self.offset = offset
    self.length = length
    switch format {
    case "mbox": text = "\(file)@\(offset)"
    case "maildir": text = file.hasPrefix(mailbox + "/") ? String(file.dropFirst(mailbox.count + 1)) : file
    default: text = file
    }
  }
}

/// One message of an incident with its evidence.
public struct IncidentMessage: Codable, Sendable, Equatable {
  public var key: String
  /// Message-ID without angle brackets.
  public var messageID: String?
  /// ISO 8601 with the writer's offset.
  public var date: String?
  public var dateEpoch: Int64?
  public var sender: String?
  public var subject: String?
  public var severity: Severity
  public var reply: Bool
  /// External visible recipients, all of them exposed.
  public var exposed: Int
  public var personal: Int
  public var parties: Int
  /// Every place the message was found, the first one first.
  public var locations: [EvidenceLocation]
  /// SHA-256 (hex) of the raw message at its first readable location; nil
  /// until ``EvidenceDigest`` filled it or when no copy could be read.
  public var sha256: String?
  /// Why no digest could be made (every location tried), if so.
  public var digestProblem: String?
}

/// One exposed person of an incident: a line of its notification list.
public struct IncidentPerson: Codable, Sendable, Equatable {
  public var address: String
  public var displayName: String?
  public var party: String
  public var personal: Bool
  /// Message-IDs (or keys) of the incident's messages that exposed it.
  public var messages: [String]
  /// The other parties whose recipients saw it.
  public var seenByParties: [String]
  /// Distinct recipients of other parties who saw it (its exposure pairs).
  public var seenBy: Int
  /// Of those, the ones that did not confirm deleting the message.
  public var seenByUnconfirmed: Int
  /// This address's own follow-up as a receiving recipient.
  public var followUp: FollowUpStatus?
  /// Whether the address identifies a person (a guess; counts never
  /// depend on it), and why.
  public var identifiesPerson: IdentifiabilityGuess.Answer
  public var identifiabilityReason: IdentifiabilityGuess.Reason
}

/// One party of an incident.
public struct IncidentParty: Codable, Sendable, Equatable {
  public var party: String
  /// Its addresses exposed to others in the incident.
  public var exposedPeople: Int
  public var personal: Int
  /// Of its exposed addresses, those still counted once confirmed deletions
  /// are left out.
  public var exposedUnconfirmed: Int
}

/// Follow-up counts of an incident's receiving recipients.
public struct FollowUpCounts: Codable, Sendable, Equatable {
  public var asked = 0
  public var deleted = 0
  public var noAnswer = 0
  /// Receiving recipients with nothing recorded.
  public var notRecorded = 0
}

/// An incident sized for the officer: numbers, messages, people, parties.
public struct IncidentDetail: Codable, Sendable, Equatable {
  public var id: String
  public var severity: Severity
  /// Unique exposed addresses.
  public var people: Int
  public var personal: Int
  public var parties: Int
  public var messageCount: Int
  /// Exposure pairs: for every exposed address, the distinct recipients of
  /// other parties that saw it, summed (each pair once however many of the
  /// incident's messages repeated it).
  public var exposurePairs: Int
  /// The same counts with recipients that confirmed deletion left out (PPC
  /// Q&A 6-1): an address only such recipients saw is not counted.
  public var peopleUnconfirmed: Int
  public var personalUnconfirmed: Int
  public var exposurePairsUnconfirmed: Int
  public var firstSent: String?
  public var lastSent: String?
  public var messages: [IncidentMessage]
  /// Every exposed person, by address.
  public var persons: [IncidentPerson]
  /// Parties, most exposed first.
  public var partyList: [IncidentParty]
  public var followUps: FollowUpCounts

  /// How many of ``persons`` identify an individual: for "N addresses, of
  /// which M identify an individual (K unsure)"; ``people`` stays N.
  public var identifiability: IdentifiabilityCounts {
    var counts = IdentifiabilityCounts()
    for p in persons { counts.add(IdentifiabilityGuess(answer: p.identifiesPerson, reason: p.identifiabilityReason)) }
    return counts
  }
}
