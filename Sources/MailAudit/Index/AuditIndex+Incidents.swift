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

      var members: [IncidentSizing.Member] = []
      for row in messageRows {
        let rowId: Int64 = row["id"]
        let epoch: Int64? = row["dateEpoch"]
        let offset: Int? = row["dateOffset"]
        let locations = try Row.fetchAll(
          db, sql: "SELECT format, mailbox, file, offset, length FROM location WHERE messageRowId = ? ORDER BY id",
          arguments: [rowId]
        ).map { l in
          EvidenceLocation(format: l["format"], mailbox: l["mailbox"], file: l["file"], offset: l["offset"], length: l["length"])
        }
        let exposures = try Row.fetchAll(
          db,
          sql: """
            SELECT a.address, e.recipientIndex, a.party, a.personal FROM exposure e JOIN address a ON a.id = e.addressId
            WHERE e.messageRowId = ? ORDER BY abs(e.recipientIndex)
            """,
          arguments: [rowId]
        ).map { e in
          IncidentSizing.Exposure(
            address: e["address"], recipientIndex: e["recipientIndex"], party: e["party"], personal: e["personal"])
        }
        members.append(
          IncidentSizing.Member(
            message: IncidentMessage(
              key: row["key"], messageID: row["messageID"],
              date: epoch.map { ReportTimeZone.stamp($0, offset: offset, in: zone) }, dateEpoch: epoch,
              sender: row["sender"], subject: row["subject"],
              severity: try Severity.stored(row["severity"], table: "finding", row: rowId),
              reply: row["reply"], exposed: row["externalRecipients"], personal: row["personalCount"],
              parties: row["parties"], locations: locations),
            recipients: RecipientsColumn.decode(row["recipients"]), exposures: exposures))
      }
      let stored = IncidentSizing.Stored(
        id: id, severity: try Severity.stored(incident["severity"], table: "incident", row: 0),
        people: incident["people"], personalCount: incident["personalCount"], parties: incident["parties"],
        firstSent: incident["firstSent"], lastSent: incident["lastSent"])
      return IncidentSizing.detail(stored, members: members, followUps: statusOf, zone: zone)
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
