import Foundation
import PostgresNIO

// Incidents, follow-ups, their trail and address look-ups over a PostgreSQL
// index: AuditIndex+Incidents and AuditIndex+FollowUpTrail in PostgreSQL's
// words. The sizing itself is the same Swift as SQLite's; only the reads
// differ, fetched in a few queries rather than one per message, since each
// query is a round trip to the server.

extension PostgresIndex {
  /// Sizes incident `id` from its findings and the recorded follow-ups;
  /// nil when the index has no such incident.
  public func incidentDetail(id: String, zone: ReportTimeZone?) throws -> IncidentDetail? {
    try reading("an incident") { s in
      let during = "reading incident \(id)"
      let idBind = [PostgresData(string: id)]
      guard let incident = try s.table("SELECT * FROM incident WHERE id = $1", idBind, during: during).first else {
        return nil
      }
      let messageRows = try s.table(
        """
        SELECT m.id, m.key, m.messageID, m.dateEpoch, m.dateOffset, m.sender, m.subject, m.recipients,
          f.severity, f.reply, f.externalRecipients, f.parties, f.personalCount
        FROM finding f JOIN message m ON m.id = f.messageRowId
        WHERE f.incidentId = $1 ORDER BY m.dateEpoch IS NULL, m.dateEpoch, m.key COLLATE "C"
        """, idBind, during: during)
      var statusOf: [String: FollowUpStatus] = [:]
      for row in try s.table("SELECT address, status FROM followUp WHERE incidentId = $1", idBind, during: during) {
        let text: String = try row("status")
        guard let status = FollowUpStatus(rawValue: text) else {
          throw IndexError.corrupt(table: "followUp", row: 0, detail: "unknown status '\(text)'")
        }
        statusOf[try row("address")] = status
      }
      var locationsOf: [Int64: [EvidenceLocation]] = [:]
      for l in try s.table(
        """
        SELECT l.messageRowId, l.format, l.mailbox, l.file, l."offset", l.length FROM location l
        JOIN finding f ON f.messageRowId = l.messageRowId WHERE f.incidentId = $1 ORDER BY l.id
        """, idBind, during: during)
      {
        locationsOf[try l("messageRowId"), default: []].append(
          EvidenceLocation(
            format: try l("format"), mailbox: try l("mailbox"), file: try l("file"), offset: try l("offset"),
            length: try l("length")))
      }
      var exposuresOf: [Int64: [IncidentSizing.Exposure]] = [:]
      for e in try s.table(
        """
        SELECT e.messageRowId, a.address, e.recipientIndex, a.party, a.personal FROM exposure e
        JOIN address a ON a.id = e.addressId JOIN finding f ON f.messageRowId = e.messageRowId
        WHERE f.incidentId = $1 ORDER BY e.messageRowId, abs(e.recipientIndex)
        """, idBind, during: during)
      {
        exposuresOf[try e("messageRowId"), default: []].append(
          IncidentSizing.Exposure(
            address: try e("address"), recipientIndex: try e("recipientIndex"), party: try e("party"),
            personal: try e("personal")))
      }

      var members: [IncidentSizing.Member] = []
      for row in messageRows {
        let rowId: Int64 = try row("id")
        let epoch: Int64? = try row("dateEpoch")
        let offset: Int? = try row("dateOffset")
        members.append(
          IncidentSizing.Member(
            message: IncidentMessage(
              key: try row("key"), messageID: try row("messageID"),
              date: epoch.map { ReportTimeZone.stamp($0, offset: offset, in: zone) }, dateEpoch: epoch,
              sender: try row("sender"), subject: try row("subject"),
              severity: try Severity.stored(try row("severity"), table: "finding", row: rowId),
              reply: try row("reply"), exposed: try row("externalRecipients"), personal: try row("personalCount"),
              parties: try row("parties"), locations: locationsOf[rowId] ?? []),
            recipients: RecipientsColumn.decode(try row("recipients")), exposures: exposuresOf[rowId] ?? []))
      }
      let stored = IncidentSizing.Stored(
        id: id, severity: try Severity.stored(try incident("severity"), table: "incident", row: 0),
        people: try incident("people"), personalCount: try incident("personalCount"),
        parties: try incident("parties"), firstSent: try incident("firstSent"), lastSent: try incident("lastSent"))
      return IncidentSizing.detail(stored, members: members, followUps: statusOf, zone: zone)
    }
  }

  /// Records follow-ups (the last one for an address wins), all or none,
  /// each with its trail row naming `actor`, in one transaction. Two
  /// officers changing an address's recorded status at once are serialised
  /// by the row lock on `followUp`, so each trail row names the status it
  /// replaced. (Two first records at once both name none: there is no row
  /// to lock yet; the later one still wins, as in SQLite.)
  public func recordFollowUps(_ records: [FollowUpRecord], by actor: FollowUpActor) throws {
    let now = ISO8601.now()
    try using { s in
      try s.transaction(during: "recording follow-ups") {
        let during = "recording follow-ups"
        for r in records {
          let incident = PostgresData(string: r.incidentID)
          let address = PostgresData(string: r.address)
          guard !(try s.rows("SELECT 1 FROM incident WHERE id = $1", [incident], during: during)).isEmpty else {
            throw FollowUpError.unknownIncident(r.incidentID)
          }
          let received = try s.rows(
            """
            SELECT 1 FROM exposure e JOIN finding f ON f.messageRowId = e.messageRowId
            JOIN address a ON a.id = e.addressId WHERE f.incidentId = $1 AND a.address = $2 LIMIT 1
            """, [incident, address], during: during)
          guard !received.isEmpty else { throw FollowUpError.notARecipient(incident: r.incidentID, address: r.address) }
          // The old status under a row lock: a concurrent change waits here.
          let old = try s.rows(
            "SELECT status FROM followUp WHERE incidentId = $1 AND address = $2 FOR UPDATE", [incident, address],
            during: during
          ).first?.decode(String.self)
          try s.rows(
            """
            INSERT INTO followUpTrail (incidentId, address, oldStatus, newStatus, note, changedBy, changedAt, source)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """,
            [
              incident, address, .optional(old), PostgresData(string: r.status.rawValue), .optional(r.note),
              PostgresData(string: actor.user), PostgresData(string: now), PostgresData(string: actor.source.rawValue),
            ], during: during)
          try s.rows(
            """
            INSERT INTO followUp (incidentId, address, status, note, updatedAt) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (incidentId, address) DO UPDATE SET status = excluded.status,
              note = COALESCE(excluded.note, followUp.note), updatedAt = excluded.updatedAt
            """,
            [incident, address, PostgresData(string: r.status.rawValue), .optional(r.note), PostgresData(string: now)],
            during: during)
        }
      }
    }
  }

  /// Every follow-up change of incident `id`, newest first; times in `zone`.
  public func followUpTrail(incidentID id: String, zone: ReportTimeZone?) throws -> [FollowUpChange] {
    try using { s in
      try s.table(
        """
        SELECT id, incidentId, address, oldStatus, newStatus, note, changedBy, changedAt, source
        FROM followUpTrail WHERE incidentId = $1 ORDER BY id DESC
        """, [PostgresData(string: id)], during: "reading the follow-up trail"
      ).map { row in
        try FollowUpChange.stored(
          id: try row("id"), incidentID: try row("incidentId"), address: try row("address"),
          oldStatus: try row("oldStatus"), newStatus: try row("newStatus"), note: try row("note"),
          changedBy: try row("changedBy"), changedAt: AuditIndex.shown(try row("changedAt"), in: zone),
          source: try row("source"))
      }
    }
  }

  /// Every message and incident that exposed `address` (normalised), with
  /// the parties that saw it; times in `zone`, else the sender's offset.
  public func lookup(address: String, zone: ReportTimeZone?) throws -> AddressLookup {
    try reading("an address look-up") { s in
      let during = "looking up an address"
      let rows = try s.table(
        """
        SELECT e.messageRowId, e.recipientIndex, m.recipients, a.party, a.personal, e.exposedTo, f.incidentId,
          m.key, m.messageID, m.dateEpoch, m.dateOffset, m.sender, m.subject,
          l.format, l.mailbox, l.file, l."offset", l.length,
          ARRAY(SELECT DISTINCT o.party COLLATE "C" FROM exposure x JOIN address o ON o.id = x.addressId
            WHERE x.messageRowId = e.messageRowId AND o.party != a.party ORDER BY 1) AS otherParties
        FROM address a JOIN exposure e ON e.addressId = a.id JOIN finding f ON f.messageRowId = e.messageRowId
        JOIN message m ON m.id = e.messageRowId
        JOIN LATERAL (
          -- The first location, one index probe per message: as a join condition
          -- the subquery could be run for every pair of rows (a minute at 4,000
          -- findings and 200,000 locations, right after they were loaded).
          SELECT format, mailbox, file, "offset", length FROM location WHERE messageRowId = m.id ORDER BY id LIMIT 1
        ) l ON true
        WHERE a.address = $1 ORDER BY m.dateEpoch IS NULL, m.dateEpoch, m.key COLLATE "C"
        """, [PostgresData(string: address)], during: during)
      var result = AddressLookup(address: address, displayName: nil, party: nil, personal: false, messages: [], incidents: [])
      for row in rows {
        result.party = try row("party", as: String.self)
        result.personal = try row("personal")
        if result.displayName == nil {
          result.displayName = RecipientsColumn.displayName(
            at: try row("recipientIndex"), address: address, in: RecipientsColumn.decode(try row("recipients")))
        }
        let epoch: Int64? = try row("dateEpoch")
        let offset: Int? = try row("dateOffset")
        let incident: String = try row("incidentId")
        if !result.incidents.contains(incident) { result.incidents.append(incident) }
        result.messages.append(
          LookupMessage(
            messageID: try row("messageID"), key: try row("key"),
            date: epoch.map { ReportTimeZone.stamp($0, offset: offset, in: zone) }, sender: try row("sender"),
            subject: try row("subject"), incidentID: incident,
            location: EvidenceLocation(
              format: try row("format"), mailbox: try row("mailbox"), file: try row("file"), offset: try row("offset"),
              length: try row("length")
            ).text, seenByParties: try row("otherParties"), seenBy: try row("exposedTo")))
      }
      return result
    }
  }
}
