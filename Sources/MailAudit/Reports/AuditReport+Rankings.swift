import Foundation

/// Findings by one sender, for the summary's "top senders".
public struct SenderRanking: Sendable, Equatable {
  public var sender: String
  public var findings: Int
  /// External recipients exposed, summed over the sender's findings.
  public var exposed: Int
  public var worst: Severity
}

/// One exposed party, for the summary's "most exposed parties".
public struct PartyRanking: Sendable, Equatable {
  public var party: String
  /// Its distinct exposed addresses.
  public var addresses: Int
  public var personal: Int
  /// Messages that exposed at least one of its addresses.
  public var messages: Int
}

/// Findings and exposed people of one calendar month (in the writers' own
/// offsets, as the Date headers give them).
public struct MonthTrend: Sendable, Equatable {
  /// `2025-03`.
  public var month: String
  public var findings: Int
  /// Distinct exposed addresses over the month's findings.
  public var people: Int
  /// Incidents whose first message was sent that month (UTC).
  public var incidents: Int = 0
}

extension AuditReport {
  /// Senders with the most findings, most first (ties: more exposed, then name).
  public func topSenders(limit: Int = 15) -> [SenderRanking] {
    var bySender: [String: SenderRanking] = [:]
    for f in findings {
      let sender = f.sender ?? "(unreadable)"
      var r = bySender[sender] ?? SenderRanking(sender: sender, findings: 0, exposed: 0, worst: .low)
      r.findings += 1
      r.exposed += f.externalRecipients
      r.worst = max(r.worst, f.severity)
      bySender[sender] = r
    }
    return Array(
      bySender.values.sorted {
        ($0.findings, $0.exposed, $1.sender) > ($1.findings, $1.exposed, $0.sender)
      }.prefix(limit))
  }

  /// Parties with the most exposed addresses, most first.
  public func mostExposedParties(limit: Int = 15) -> [PartyRanking] {
    // At their size from the start: grown by doubling, the old table and
    // the new were held at once, at the report's peak (2 MiB of 6 for
    // 55,000 addresses).
    var partyOf: [String: String] = Dictionary(minimumCapacity: exposedAddresses.count)
    var byParty: [String: PartyRanking] = [:]
    for a in exposedAddresses {
      partyOf[a.address] = a.party
      var r = byParty[a.party] ?? PartyRanking(party: a.party, addresses: 0, personal: 0, messages: 0)
      r.addresses += 1
      if a.personal { r.personal += 1 }
      byParty[a.party] = r
    }
    for f in findings {
      for party in Set(f.exposedAddresses.compactMap { partyOf[$0] }) {
        byParty[party]?.messages += 1
      }
    }
    return Array(
      byParty.values.sorted {
        ($0.addresses, $0.messages, $1.party) > ($1.addresses, $1.messages, $0.party)
      }.prefix(limit))
  }

  /// One entry per month from the first dated finding to the last, empty
  /// months included so the chart's time axis is even; at most the last
  /// `maxMonths`. Undated findings are left out (``undatedFindings``).
  public func monthlyTrend(maxMonths: Int = 120) -> [MonthTrend] {
    var findingsIn: [String: Int] = [:]
    var peopleIn: [String: Set<String>] = [:]
    for f in findings {
      guard let date = f.date, date.count >= 7 else { continue }
      let month = String(date.prefix(7))
      findingsIn[month, default: 0] += 1
      peopleIn[month, default: []].formUnion(f.exposedAddresses)
    }
    var incidentsIn: [String: Int] = [:]
    for i in incidents {
      guard let date = i.firstSent, date.count >= 7 else { continue }
      incidentsIn[String(date.prefix(7)), default: 0] += 1
    }
    let allMonths = Set(findingsIn.keys).union(incidentsIn.keys)
    guard let first = allMonths.min(), let last = allMonths.max(),
      var (year, month) = Self.yearMonth(first), let end = Self.yearMonth(last)
    else { return [] }
    var months: [MonthTrend] = []
    while (year, month) <= end {
      let key = String(format: "%04d-%02d", year, month)
      months.append(
        MonthTrend(
          month: key, findings: findingsIn[key] ?? 0, people: peopleIn[key]?.count ?? 0,
          incidents: incidentsIn[key] ?? 0))
      month += 1
      if month > 12 { (year, month) = (year + 1, 1) }
    }
    return Array(months.suffix(maxMonths))
  }

  /// Findings without a readable date, which no month can show.
  public var undatedFindings: Int { findings.count { $0.date == nil } }

  private static func yearMonth(_ text: String) -> (Int, Int)? {
    let parts = text.split(separator: "-")
    guard parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m) else { return nil }
    return (y, m)
  }
}
