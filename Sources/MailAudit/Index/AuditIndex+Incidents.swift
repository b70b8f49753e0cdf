import Foundation
import GRDB

extension AuditIndex {
  /// The incidents, largest first, as `mailaudit incidents` lists them;
  /// times in `zone` (UTC without one).
  public func incidents(zone: ReportTimeZone? = nil) throws -> [IncidentRow] {
    try report(zone: zone).incidents
  }

  /// Sizes incident `id` from its findings and the recorded follow-ups;
  /// nil when the index has no such incident. Digests are left for
  /// ``EvidenceDigest`` (reading mail is not the index's job). With `zone`
  /// every time is given in it, else in each message's own offset.
  public func incidentDetail(id: String, zone: ReportTimeZone? = nil) throws -> IncidentDetail? {
    try writer.read { db in
      guard let incident = try Row.fetchOne(db, sql: "SELECT * FROM incident WHERE id = ?", arguments: [id]) else {
        return nil
      }
      let messageRows = try Row.fetchAll(
        db,
        sql: """
          SELECT m.id, m.key, m.messageID, m.dateEpoch, m.dateOffset, m.sender, m.subject, m.recipients,
            f.severity, f.reply, f.externalRecipients, f.parties, f.personalCount
          FROM finding f JOIN message m ON m.id = f.messageRowId
          WHERE f.incidentId = ? ORDER BY m.dateEpoch IS NULL, m.dateEpoch, m.key
          """, arguments: [id])
      var statusOf: [String: FollowUpStatus] = [:]
      for row in try Row.fetchAll(db, sql: "SELECT address, status FROM followUp WHERE incidentId = ?", arguments: [id]) {
        guard let status = FollowUpStatus(rawValue: row["status"]) else {
          throw IndexError.corrupt(table: "followUp", row: 0, detail: "unknown status '\(row["status"] as String)'")
        }
        statusOf[row["address"]] = status
      }

      struct Seen {
        var displayName: String?
        var party: String
        var personal: Bool
        var messages: [String] = []
        var viewers = Set<String>()
        var viewerParties = Set<String>()
      }
      var seen: [String: Seen] = [:]
      var messages: [IncidentMessage] = []
      for row in messageRows {
        let rowId: Int64 = row["id"]
        let key: String = row["key"]
        let messageID: String? = row["messageID"]
        let epoch: Int64? = row["dateEpoch"]
        let offset: Int? = row["dateOffset"]
        let locations = try Row.fetchAll(
          db, sql: "SELECT format, mailbox, file, offset, length FROM location WHERE messageRowId = ? ORDER BY id",
          arguments: [rowId]
        ).map { l in
          EvidenceLocation(format: l["format"], mailbox: l["mailbox"], file: l["file"], offset: l["offset"], length: l["length"])
        }
        messages.append(
          IncidentMessage(
            key: key, messageID: messageID,
            date: epoch.map { ReportTimeZone.stamp($0, offset: offset, in: zone) }, dateEpoch: epoch,
            sender: row["sender"], subject: row["subject"],
            severity: try Severity.stored(row["severity"], table: "finding", row: rowId),
            reply: row["reply"], exposed: row["externalRecipients"], personal: row["personalCount"],
            parties: row["parties"], locations: locations))
        let recipients = RecipientsColumn.decode(row["recipients"])
        let exposures = try Row.fetchAll(
          db,
          sql: """
            SELECT a.address, e.recipientIndex, a.party, a.personal FROM exposure e JOIN address a ON a.id = e.addressId
            WHERE e.messageRowId = ? ORDER BY abs(e.recipientIndex)
            """,
          arguments: [rowId])
        for e in exposures {
          let address: String = e["address"]
          let name = RecipientsColumn.displayName(at: e["recipientIndex"], address: address, in: recipients)
          var s = seen[address] ?? Seen(displayName: name, party: e["party"], personal: e["personal"])
          if s.displayName == nil { s.displayName = name }
          s.messages.append(messageID ?? key)
          for other in exposures {
            let party: String = other["party"]
            if party != s.party {
              s.viewers.insert(other["address"])
              s.viewerParties.insert(party)
            }
          }
          seen[address] = s
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
      let firstSent: Int64? = incident["firstSent"]
      let lastSent: Int64? = incident["lastSent"]
      // Incident dates in the first and last message's own offsets.
      let dated = messages.filter { $0.dateEpoch != nil }
      let stillCounted = persons.filter { $0.seenByUnconfirmed > 0 }
      return IncidentDetail(
        id: id, severity: try Severity.stored(incident["severity"], table: "incident", row: 0),
        people: incident["people"], personal: incident["personalCount"], parties: incident["parties"], messageCount: messages.count,
        exposurePairs: pairs, peopleUnconfirmed: stillCounted.count,
        personalUnconfirmed: stillCounted.filter(\.personal).count, exposurePairsUnconfirmed: pairsUnconfirmed,
        firstSent: dated.first?.date ?? firstSent.map { ReportTimeZone.stamp($0, offset: 0, in: zone) },
        lastSent: dated.max { ($0.dateEpoch ?? 0) < ($1.dateEpoch ?? 0) }?.date
          ?? lastSent.map { ReportTimeZone.stamp($0, offset: 0, in: zone) },
        messages: messages, persons: persons,
        partyList: partyOf.values.sorted { ($0.exposedPeople, $1.party) > ($1.exposedPeople, $0.party) },
        followUps: counts)
    }
  }

  /// Records follow-ups (the last one recorded for an address wins), all or
  /// none: every address must have received a message of its incident.
  /// Each change is also kept in the follow-up trail with `actor` (see
  /// ``followUpTrail(incidentID:zone:)``), in the same transaction.
  public func recordFollowUps(
    _ records: [FollowUpRecord], by actor: FollowUpActor = .processOwner(source: .cli)
  ) throws {
    let now = ISO8601.now()
    try writer.write { db in
      for r in records {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM incident WHERE id = ?", arguments: [r.incidentID]) == true else {
          throw FollowUpError.unknownIncident(r.incidentID)
        }
        let received = try Bool.fetchOne(
          db,
          sql: """
            SELECT 1 FROM exposure e JOIN finding f ON f.messageRowId = e.messageRowId
            JOIN address a ON a.id = e.addressId WHERE f.incidentId = ? AND a.address = ? LIMIT 1
            """, arguments: [r.incidentID, r.address])
        guard received == true else { throw FollowUpError.notARecipient(incident: r.incidentID, address: r.address) }
        try Self.appendTrail(r, by: actor, at: now, in: db)
        try db.execute(
          sql: """
            INSERT INTO followUp (incidentId, address, status, note, updatedAt) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(incidentId, address) DO UPDATE SET status = excluded.status,
              note = COALESCE(excluded.note, followUp.note), updatedAt = excluded.updatedAt
            """, arguments: [r.incidentID, r.address, r.status.rawValue, r.note, now])
      }
    }
  }

  /// Every message and incident that exposed `address` (normalised), with
  /// the parties that saw it; times in `zone`, else the sender's offset.
  public func lookup(address: String, zone: ReportTimeZone? = nil) throws -> AddressLookup {
    try writer.read { db in
      let rows = try Row.fetchAll(
        db,
        sql: """
          SELECT e.messageRowId, e.recipientIndex, m.recipients, a.party, a.personal, e.exposedTo, f.incidentId,
            m.key, m.messageID, m.dateEpoch, m.dateOffset, m.sender, m.subject,
            l.format, l.mailbox, l.file, l.offset, l.length
          FROM address a JOIN exposure e ON e.addressId = a.id JOIN finding f ON f.messageRowId = e.messageRowId
          JOIN message m ON m.id = e.messageRowId
          JOIN location l ON l.id = (SELECT MIN(id) FROM location WHERE messageRowId = m.id)
          WHERE a.address = ? ORDER BY m.dateEpoch IS NULL, m.dateEpoch, m.key
          """, arguments: [address])
      var result = AddressLookup(address: address, displayName: nil, party: nil, personal: false, messages: [], incidents: [])
      for row in rows {
        let rowId: Int64 = row["messageRowId"]
        let party: String = row["party"]
        result.party = party
        result.personal = row["personal"]
        if result.displayName == nil {
          result.displayName = RecipientsColumn.displayName(
            at: row["recipientIndex"], address: address, in: RecipientsColumn.decode(row["recipients"]))
        }
        let others = try String.fetchAll(
          db,
          sql: """
            SELECT DISTINCT a.party FROM exposure e JOIN address a ON a.id = e.addressId
            WHERE e.messageRowId = ? AND a.party != ? ORDER BY a.party
            """,
          arguments: [rowId, party])
        let epoch: Int64? = row["dateEpoch"]
        let offset: Int? = row["dateOffset"]
        let incident: String = row["incidentId"]
        if !result.incidents.contains(incident) { result.incidents.append(incident) }
        result.messages.append(
          LookupMessage(
            messageID: row["messageID"], key: row["key"],
            date: epoch.map { ReportTimeZone.stamp($0, offset: offset, in: zone) }, sender: row["sender"],
            subject: row["subject"], incidentID: incident,
            location: EvidenceLocation(
              format: row["format"], mailbox: row["mailbox"], file: row["file"], offset: row["offset"],
              length: row["length"]
            ).text, seenByParties: others, seenBy: row["exposedTo"]))
      }
      return result
    }
  }
}
