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
  /// Written into one buffer: a full analysis names every finding's own
  /// incident with it (see ``AnalysisPipeline/Analysed/ownIncident``).
  public static func incidentID(forEarliestKey key: String) -> String {
    var key = key
    let digest = key.withUTF8 { SHA256.hash(data: UnsafeRawBufferPointer($0)) }
    return digest.withUnsafeBytes { bytes in
      String(unsafeUninitializedCapacity: 14) { id in
        func hex(_ nibble: UInt8) -> UInt8 { nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10 }
        for (i, c) in "INC-".utf8.enumerated() { id[i] = c }
        for i in 0..<5 {
          id[4 + 2 * i] = hex(bytes[i] >> 4)
          id[5 + 2 * i] = hex(bytes[i] & 0x0F)
        }
        return 14
      }
    }
  }

  /// Findings held for grouping in little memory. A full analysis holds
  /// every finding of the index until it groups them, so each is kept as
  /// what grouping compares, in numbers: its exposures' addresses and
  /// parties, its thread's message ids, its base subject and its batch
  /// (sender and subject), each text stored once however many findings
  /// share it (a thread's References repeat every earlier id in every
  /// reply); and its key and date, which the incident reports.
  public struct Members: Sendable {
    struct Exposure: Sendable {
      var address: Int32
      var party: Int32
      var personal: Bool
    }
    /// What grouping reads of one finding's message.
    struct Facts: Sendable {
      var key: String
      var date: Int64?
      /// Its base subject's number, -1 without one.
      var subjectBase: Int32
      /// The subject carries a reply or forward prefix.
      var subjectIsReply: Bool
      /// It has In-Reply-To or References.
      var hasThreadHeaders: Bool
      /// Its sender-and-subject's number, -1 without a sender or a date.
      var batch: Int32
    }
    private(set) var facts: [Facts] = []
    /// The exposures of member `i` are `exposures[starts[i]..<starts[i + 1]]`.
    private var starts: [Int] = [0]
    private var exposures: [Exposure] = []
    /// Member `i`'s own, replied-to and referenced ids, in that order, are
    /// `threadIDs[idStarts[i]..<idStarts[i + 1]]`.
    private var idStarts: [Int] = [0]
    private var threadIDs: [Int32] = []
    private var addressNumbers = TextNumbering()
    private var partyNumbers = TextNumbering()
    private var idNumbers = TextNumbering()
    private var subjectNumbers = TextNumbering()
    private var batchNumbers = TextNumbering()

    public init() {}

    public var count: Int { facts.count }
    var idCount: Int { idNumbers.count }
    var subjectCount: Int { subjectNumbers.count }

    /// `threadKeys`: the message's own (see ``ThreadKeys``), when the
    /// caller has them already.
    public mutating func append(message m: SentMessage, finding: ExposureFinding, threadKeys: ThreadKeys? = nil) {
      let keys = threadKeys ?? ThreadKeys(m)
      var subjectBase: Int32 = -1
      var subjectIsReply = false
      if !keys.subjectBase.isEmpty {
        subjectBase = subjectNumbers.number(of: keys.subjectBase)
        subjectIsReply = keys.subjectIsPrefixed
      }
      var batch: Int32 = -1
      if let sendAndSubject = keys.batch { batch = batchNumbers.number(of: sendAndSubject) }
      facts.append(
        Facts(
          key: m.key, date: m.date?.epochSeconds, subjectBase: subjectBase, subjectIsReply: subjectIsReply,
          hasThreadHeaders: !m.inReplyTo.isEmpty || !m.references.isEmpty, batch: batch))
      if let id = m.messageID { threadIDs.append(idNumbers.number(of: id)) }
      for id in m.inReplyTo { threadIDs.append(idNumbers.number(of: id)) }
      for id in m.references { threadIDs.append(idNumbers.number(of: id)) }
      idStarts.append(threadIDs.count)
      for e in finding.exposed {
        exposures.append(
          Exposure(
            address: addressNumbers.number(of: e.address),
            party: partyNumbers.number(of: e.party), personal: e.personal))
      }
      starts.append(exposures.count)
    }

    func exposures(of member: Int) -> ArraySlice<Exposure> { exposures[starts[member]..<starts[member + 1]] }

    /// The numbers of the last member's exposed addresses, in its
    /// exposures' order. Addresses are numbered from 0 in the order they
    /// are first exposed.
    var lastAddressNumbers: [Int32] {
      guard let last = facts.indices.last else { return [] }
      return exposures(of: last).map(\.address)
    }

    func threadIDs(of member: Int) -> ArraySlice<Int32> { threadIDs[idStarts[member]..<idStarts[member + 1]] }
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
    let facts = members.facts
    var sets = DisjointSets(count: facts.count)

    // Thread links: findings sharing any message id (their own, replied-to
    // or referenced) or, failing that, the same base subject; merged only
    // when their exposed addresses overlap.
    var threadOf = DisjointSets(count: facts.count)
    var ownerOfID = [Int](repeating: -1, count: members.idCount)
    var ownerOfSubject = [Int](repeating: -1, count: members.subjectCount)
    for i in facts.indices {
      for id in members.threadIDs(of: i) {
        let j = ownerOfID[Int(id)]
        if j >= 0 { threadOf.union(i, j) } else { ownerOfID[Int(id)] = i }
      }
    }
    // The subject links only a reply that carries no thread headers (some
    // clients drop them) to its thread; two sends of one subject are not a
    // thread. Originals first, so a reply finds its original in any order.
    var orphanReplies: [(Int, Int)] = []
    for (i, f) in facts.enumerated() where f.subjectBase >= 0 {
      let base = Int(f.subjectBase)
      if !f.subjectIsReply {
        if ownerOfSubject[base] < 0 { ownerOfSubject[base] = i }
      } else if !f.hasThreadHeaders {
        orphanReplies.append((i, base))
      }
    }
    for (i, base) in orphanReplies {
      let j = ownerOfSubject[base]
      if j >= 0 { threadOf.union(i, j) } else { ownerOfSubject[base] = i }
    }
    var byThread: [Int: [Int]] = [:]
    for i in facts.indices { byThread[threadOf.find(i), default: []].append(i) }
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
    var batches: [Int32: [Int]] = [:]
    for (i, f) in facts.enumerated() where f.batch >= 0 { batches[f.batch, default: []].append(i) }
    for indices in batches.values where indices.count > 1 {
      let sorted = indices.sorted { (facts[$0].date ?? 0) < (facts[$1].date ?? 0) }
      for (a, b) in zip(sorted, sorted.dropFirst()) {
        let gap = (facts[b].date ?? 0) - (facts[a].date ?? 0)
        if gap <= Self.batchWindowSeconds { sets.union(a, b) }
      }
    }

    var groups: [Int: [Int]] = [:]
    for i in facts.indices { groups[sets.find(i), default: []].append(i) }
    return groups.values.map { incident(of: $0, in: members) }.sorted {
      ($0.people, $0.messageKeys.count, $1.id) > ($1.people, $1.messageKeys.count, $0.id)
    }
  }

  private func incident(of group: [Int], in members: Members) -> Incident {
    let facts = members.facts
    // Earliest first; undated messages last; the key breaks ties so the id is stable.
    let ordered = group.sorted {
      let a = facts[$0].date ?? Int64.max
      let b = facts[$1].date ?? Int64.max
      return a != b ? a < b : facts[$0].key < facts[$1].key
    }
    var people: [Int32: Bool] = [:]
    var parties = Set<Int32>()
    for i in ordered {
      for exposure in members.exposures(of: i) {
        people[exposure.address] = exposure.personal
        parties.insert(exposure.party)
      }
    }
    let dates = ordered.compactMap { facts[$0].date }
    let personal = people.values.filter { $0 }.count
    return Incident(
      id: Self.incidentID(forEarliestKey: ordered.first.map { facts[$0].key } ?? ""),
      messageKeys: ordered.map { facts[$0].key }, people: people.count, personalCount: personal,
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

/// What grouping reads of a message's subject and sender: its base
/// subject (every reply and forward prefix removed, folded), whether the
/// subject carries such a prefix, and its sender-and-subject batch key.
/// Worked out once per finding: its grouping links and its grouping facts
/// both read them, and reading a subject's prefixes goes by Characters.
public struct ThreadKeys: Sendable {
  /// Empty without a subject, or when nothing is left of it.
  public var subjectBase: String
  /// The subject starts with a reply or forward prefix (read only when
  /// ``subjectBase`` is not empty).
  public var subjectIsPrefixed: Bool
  /// Sender, unit separator, subject; nil without a sender or a date.
  public var batch: String?

  public init(_ m: SentMessage) {
    let subject = m.subject
    subjectBase = subject.map(SubjectPrefixes.base) ?? ""
    subjectIsPrefixed = !subjectBase.isEmpty && subject.map(SubjectPrefixes.hasPrefix) == true
    batch = m.sender.flatMap { sender in m.date == nil ? nil : sender + "\u{1F}" + (subject ?? "") }
  }
}
