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

  /// Groups `members`; incidents come largest first (people, then messages,
  /// then id).
  public func group(_ members: [Member]) -> [Incident] {
    var sets = DisjointSets(count: members.count)

    // Thread links: findings sharing any message id (their own, replied-to
    // or referenced) or, failing that, the same base subject; merged only
    // when their exposed addresses overlap.
    var threadOf = DisjointSets(count: members.count)
    var ownerOfID: [String: Int] = [:]
    var ownerOfSubject: [String: Int] = [:]
    for (i, member) in members.enumerated() {
      let m = member.message
      for id in [m.messageID].compactMap({ $0 }) + m.inReplyTo + m.references {
        if let j = ownerOfID[id] { threadOf.union(i, j) } else { ownerOfID[id] = i }
      }
    }
    // The subject links only a reply that carries no thread headers (some
    // clients drop them) to its thread; two sends of one subject are not a
    // thread. Originals first, so a reply finds its original in any order.
    var orphanReplies: [(Int, String)] = []
    for (i, member) in members.enumerated() {
      let m = member.message
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
    for i in members.indices { byThread[threadOf.find(i), default: []].append(i) }
    for indices in byThread.values where indices.count > 1 {
      // Overlap within the thread: an address seen in two findings joins them.
      var firstHolder: [String: Int] = [:]
      for i in indices {
        for address in members[i].finding.exposed {
          if let j = firstHolder[address.address] { sets.union(i, j) } else { firstHolder[address.address] = i }
        }
      }
    }

    // Batches: same sender and subject, consecutive sends within 24 hours.
    var batches: [String: [Int]] = [:]
    for (i, member) in members.enumerated() {
      guard let sender = member.message.sender, member.message.date != nil else { continue }
      batches[sender + "\u{1F}" + (member.message.subject ?? ""), default: []].append(i)
    }
    for indices in batches.values where indices.count > 1 {
      let sorted = indices.sorted { (members[$0].message.date?.epochSeconds ?? 0) < (members[$1].message.date?.epochSeconds ?? 0) }
      for (a, b) in zip(sorted, sorted.dropFirst()) {
        let gap = (members[b].message.date?.epochSeconds ?? 0) - (members[a].message.date?.epochSeconds ?? 0)
        if gap <= Self.batchWindowSeconds { sets.union(a, b) }
      }
    }

    var groups: [Int: [Int]] = [:]
    for i in members.indices { groups[sets.find(i), default: []].append(i) }
    return groups.values.map { incident(of: $0.map { members[$0] }) }.sorted {
      ($0.people, $0.messageKeys.count, $1.id) > ($1.people, $1.messageKeys.count, $0.id)
    }
  }

  private func incident(of members: [Member]) -> Incident {
    // Earliest first; undated messages last; the key breaks ties so the id is stable.
    let ordered = members.sorted {
      let a = $0.message.date?.epochSeconds ?? Int64.max
      let b = $1.message.date?.epochSeconds ?? Int64.max
      return a != b ? a < b : $0.message.key < $1.message.key
    }
    var people: [String: Bool] = [:]
    var parties = Set<String>()
    for member in ordered {
      for address in member.finding.exposed {
        people[address.address] = address.personal
        parties.insert(address.party)
      }
    }
    let dates = ordered.compactMap { $0.message.date?.epochSeconds }
    let personal = people.values.filter { $0 }.count
    return Incident(
      id: Self.incidentID(forEarliestKey: ordered.first?.message.key ?? ""),
      messageKeys: ordered.map(\.message.key), people: people.count, personalCount: personal,
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
