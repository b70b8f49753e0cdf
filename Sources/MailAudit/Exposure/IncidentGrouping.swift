import Crypto

/// A group of findings that a compliance officer sizes and reports as one.
public struct Incident: Hashable, Sendable, Codable {
  /// Stable id, derived from the earliest message's key: rebuilding the
  /// index or rescanning the same mail gives the same id.
  public var id: String
  /// Keys of the member messages, earliest first.
  public var messageKeys: [String]
  /// Unique exposed addresses across the members.
  public var people: Int
  /// How many of them are private individuals.
  public var personalCount: Int
  /// Distinct external parties across the members.
  public var parties: Int
  /// Epoch seconds of the first and last send (nil without readable dates).
  public var firstSent: Int64?
  public var lastSent: Int64?
  public var severity: Severity
}

/// Groups findings into incidents as the exposure rules define them:
/// - findings of one thread (linked by Message-ID, In-Reply-To and
///   References, or else by the same subject without reply and forward
///   prefixes) whose exposed addresses overlap;
/// - the same sender sending the same subject within 24 hours (a batch sent
///   in chunks).
public struct IncidentGrouping: Sendable {
  /// A finding with the message facts grouping needs.
  public struct Member: Sendable {
    public var message: SentMessage
    public var finding: ExposureFinding
    public init(message: SentMessage, finding: ExposureFinding) {
      self.message = message
      self.finding = finding
    }
  }

  public static let batchWindowSeconds: Int64 = 24 * 3600
  public var thresholds: SeverityThresholds

  public init(thresholds: SeverityThresholds = SeverityThresholds()) {
    self.thresholds = thresholds
  }

  /// The incident id of a message key: `INC-` and 10 hex digits of its SHA-256.
  public static func incidentID(forEarliestKey key: String) -> String {
    let digest = SHA256.hash(data: Array(key.utf8))
    return "INC-" + digest.prefix(5).map { byte in
      let hex = String(byte, radix: 16)
      return byte < 16 ? "0" + hex : hex
    }.joined()
  }

  /// Findings held for grouping in little memory. A full analysis holds
  /// every finding of the index until it groups them: each exposure is kept
  /// as numbers for its address and party (grouping only compares them), not
  /// as an ``ExposedAddress`` of 72 bytes, and the message without its
  /// recipients.
  public struct Members: Sendable {
    struct Exposure: Sendable {
      var address: Int32
      var party: Int32
      var personal: Bool
    }
    private(set) var messages: [SentMessage] = []
    /// The exposures of member `i` are `exposures[starts[i]..<starts[i + 1]]`.
    private var starts: [Int] = [0]
    private var exposures: [Exposure] = []
    private var addressNumbers: [String: Int32] = [:]
    private var partyNumbers: [String: Int32] = [:]

    public init() {}

    public var count: Int { messages.count }

    public mutating func append(message: SentMessage, finding: ExposureFinding) {
      var slim = message
      slim.recipients = []
      slim.senderName = nil
      messages.append(slim)
      for e in finding.exposed {
        exposures.append(
          Exposure(
            address: Self.number(of: e.address, in: &addressNumbers),
            party: Self.number(of: e.party, in: &partyNumbers), personal: e.personal))
      }
      starts.append(exposures.count)
    }

    func exposures(of member: Int) -> ArraySlice<Exposure> { exposures[starts[member]..<starts[member + 1]] }

    private static func number(of text: String, in numbers: inout [String: Int32]) -> Int32 {
      if let known = numbers[text] { return known }
      let next = Int32(numbers.count)
      numbers[text] = next
      return next
    }
  }

  /// Groups `members`; incidents come largest first (people, then messages,
  /// then id).
  public func group(_ members: [Member]) -> [Incident] {
    var compact = Members()
    for member in members { compact.append(message: member.message, finding: member.finding) }
    return group(compact)
  }

  /// Groups `members`; incidents come largest first (people, then messages,
  /// then id).
  public func group(_ members: Members) -> [Incident] {
    let messages = members.messages
    var sets = DisjointSets(count: messages.count)

    // Thread links: findings sharing any message id (their own, replied-to
    // or referenced) or, failing that, the same base subject; merged only
    // when their exposed addresses overlap.
    var threadOf = DisjointSets(count: messages.count)
    var ownerOfID: [String: Int] = [:]
    var ownerOfSubject: [String: Int] = [:]
    for (i, m) in messages.enumerated() {
      for id in [m.messageID].compactMap({ $0 }) + m.inReplyTo + m.references {
        if let j = ownerOfID[id] { threadOf.union(i, j) } else { ownerOfID[id] = i }
      }
    }
    // The subject links only a reply that carries no thread headers (some
    // clients drop them) to its thread; two sends of one subject are not a
    // thread. Originals first, so a reply finds its original in any order.
    var orphanReplies: [(Int, String)] = []
    for (i, m) in messages.enumerated() {
      guard let subject = m.subject else { continue }
      let base = SubjectPrefixes.base(of: subject)
      guard !base.isEmpty else { continue }
      if !SubjectPrefixes.hasPrefix(subject) {
        if ownerOfSubject[base] == nil { ownerOfSubject[base] = i }
      } else if m.inReplyTo.isEmpty && m.references.isEmpty {
        orphanReplies.append((i, base))
      }
    }
    for (i, base) in orphanReplies {
      if let j = ownerOfSubject[base] { threadOf.union(i, j) } else { ownerOfSubject[base] = i }
    }
    var byThread: [Int: [Int]] = [:]
    for i in messages.indices { byThread[threadOf.find(i), default: []].append(i) }
    for indices in byThread.values where indices.count > 1 {
      // Overlap within the thread: an address seen in two findings joins them.
      var firstHolder: [Int32: Int] = [:]
      for i in indices {
        for exposure in members.exposures(of: i) {
          if let j = firstHolder[exposure.address] { sets.union(i, j) } else { firstHolder[exposure.address] = i }
        }
      }
    }

    // Batches: same sender and subject, consecutive sends within 24 hours.
    var batches: [String: [Int]] = [:]
    for (i, m) in messages.enumerated() {
      guard let sender = m.sender, m.date != nil else { continue }
      batches[sender + "\u{1F}" + (m.subject ?? ""), default: []].append(i)
    }
    for indices in batches.values where indices.count > 1 {
      let sorted = indices.sorted { (messages[$0].date?.epochSeconds ?? 0) < (messages[$1].date?.epochSeconds ?? 0) }
      for (a, b) in zip(sorted, sorted.dropFirst()) {
        let gap = (messages[b].date?.epochSeconds ?? 0) - (messages[a].date?.epochSeconds ?? 0)
        if gap <= Self.batchWindowSeconds { sets.union(a, b) }
      }
    }

    var groups: [Int: [Int]] = [:]
    for i in messages.indices { groups[sets.find(i), default: []].append(i) }
    return groups.values.map { incident(of: $0, in: members) }.sorted {
      ($0.people, $0.messageKeys.count, $1.id) > ($1.people, $1.messageKeys.count, $0.id)
    }
  }

  private func incident(of group: [Int], in members: Members) -> Incident {
    let messages = members.messages
    // Earliest first; undated messages last; the key breaks ties so the id is stable.
    let ordered = group.sorted {
      let a = messages[$0].date?.epochSeconds ?? Int64.max
      let b = messages[$1].date?.epochSeconds ?? Int64.max
      return a != b ? a < b : messages[$0].key < messages[$1].key
    }
    var people: [Int32: Bool] = [:]
    var parties = Set<Int32>()
    for i in ordered {
      for exposure in members.exposures(of: i) {
        people[exposure.address] = exposure.personal
        parties.insert(exposure.party)
      }
    }
    let dates = ordered.compactMap { messages[$0].date?.epochSeconds }
    let personal = people.values.filter { $0 }.count
    return Incident(
      id: Self.incidentID(forEarliestKey: ordered.first.map { messages[$0].key } ?? ""),
      messageKeys: ordered.map { messages[$0].key }, people: people.count, personalCount: personal,
      parties: parties.count, firstSent: dates.min(), lastSent: dates.max(),
      severity: thresholds.severity(exposed: people.count, personal: personal))
  }
}

/// Union-find over indices, with path halving.
struct DisjointSets {
  private var parent: [Int]

  init(count: Int) { parent = Array(0..<count) }

  mutating func find(_ x: Int) -> Int {
    var x = x
    while parent[x] != x {
      parent[x] = parent[parent[x]]
      x = parent[x]
    }
    return x
  }

  mutating func union(_ a: Int, _ b: Int) {
    let ra = find(a)
    let rb = find(b)
    if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
  }
}
