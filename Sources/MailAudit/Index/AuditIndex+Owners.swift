import GRDB

extension AuditIndex {
  /// Records `owner` as whose mail `mailbox` is. Written again on each scan
  /// of the mailbox: a changed owner (a corrected pattern) replaces the
  /// old one; the run that first recorded the mailbox stays.
  public func recordOwner(_ owner: String, mailbox: String, runId: Int64) throws {
    try writer.write { db in
      try db.execute(
        sql: """
          INSERT INTO mailboxOwner (mailbox, owner, firstRunId) VALUES (?, ?, ?)
          ON CONFLICT(mailbox) DO UPDATE SET owner = excluded.owner
          """,
        arguments: [mailbox, owner, runId])
    }
  }

  /// Every mailbox with an owner: mailbox to owner.
  public func mailboxOwners() throws -> [String: String] {
    try writer.read { db in
      Dictionary(
        uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT mailbox, owner FROM mailboxOwner").map {
          (row: Row) -> (String, String) in (row["mailbox"], row["owner"])
        })
    }
  }

  /// The owners recorded, sorted.
  public func owners() throws -> [String] {
    try writer.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT owner FROM mailboxOwner ORDER BY owner") }
  }

  /// Counts by owner and by sender domain; nil when no mailbox has an owner
  /// (a one-person index), so its summaries stay as they were.
  public func organisationTotals() throws -> OrganisationTotals? {
    try writer.read { db in
      guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM mailboxOwner)") == true else { return nil }
      let owners = try Row.fetchAll(
        db,
        sql: """
          SELECT o.owner, COUNT(DISTINCT o.mailbox) AS mailboxes, COUNT(DISTINCT l.messageRowId) AS messages,
            COUNT(DISTINCT f.messageRowId) AS findings, COUNT(DISTINCT f.incidentId) AS incidents
          FROM mailboxOwner o
          LEFT JOIN location l ON l.mailbox = o.mailbox
          LEFT JOIN finding f ON f.messageRowId = l.messageRowId
          GROUP BY o.owner ORDER BY findings DESC, o.owner
          """
      ).map { row in
        OrganisationTotals.Owner(
          owner: row["owner"], mailboxes: row["mailboxes"], messages: row["messages"], findings: row["findings"],
          incidents: row["incidents"])
      }
      let domains = try Row.fetchAll(
        db,
        sql: """
          SELECT COALESCE(m.senderDomain, '') AS domain, COUNT(*) AS messages, COUNT(f.messageRowId) AS findings
          FROM message m LEFT JOIN finding f ON f.messageRowId = m.id
          GROUP BY 1 ORDER BY findings DESC, domain
          """
      ).map { row in
        OrganisationTotals.SenderDomain(domain: row["domain"], messages: row["messages"], findings: row["findings"])
      }
      let unowned =
        try Int.fetchOne(
          db,
          sql: """
            SELECT COUNT(*) FROM message m WHERE NOT EXISTS (
              SELECT 1 FROM location l JOIN mailboxOwner o ON o.mailbox = l.mailbox WHERE l.messageRowId = m.id)
            """) ?? 0
      return OrganisationTotals(owners: owners, senderDomains: domains, messagesWithoutOwner: unowned)
    }
  }

  /// What belongs to `owner`: the keys of the messages found in their
  /// mailboxes, those mailboxes, and per exposed address the largest
  /// audience it had in those messages.
  public func ownerScope(_ owner: String) throws -> OwnerScope {
    try writer.read { db in
      let mailboxes = try String.fetchAll(
        db, sql: "SELECT mailbox FROM mailboxOwner WHERE owner = ? ORDER BY mailbox", arguments: [owner])
      let keys = try String.fetchSet(
        db,
        sql: """
          SELECT DISTINCT m.key FROM mailboxOwner o JOIN location l ON l.mailbox = o.mailbox
          JOIN message m ON m.id = l.messageRowId WHERE o.owner = ?
          """, arguments: [owner])
      var audience: [String: Int] = [:]
      for row in try Row.fetchAll(
        db,
        sql: """
          SELECT a.address, MAX(e.exposedTo) AS exposedTo FROM exposure e JOIN address a ON a.id = e.addressId
          WHERE e.messageRowId IN (
            SELECT l.messageRowId FROM location l JOIN mailboxOwner o ON o.mailbox = l.mailbox WHERE o.owner = ?)
          GROUP BY a.address
          """, arguments: [owner])
      {
        audience[row["address"]] = row["exposedTo"]
      }
      let ownedMessages = "SELECT l.messageRowId FROM location l JOIN mailboxOwner o ON o.mailbox = l.mailbox WHERE o.owner = ?"
      let locations =
        try Int.fetchOne(
          db, sql: "SELECT COUNT(*) FROM location l JOIN mailboxOwner o ON o.mailbox = l.mailbox WHERE o.owner = ?",
          arguments: [owner]) ?? 0
      var suppressed: [String: Int] = [:]
      for row in try Row.fetchAll(
        db,
        sql: "SELECT allowedGroup, COUNT(*) FROM suppression WHERE messageRowId IN (\(ownedMessages)) GROUP BY allowedGroup",
        arguments: [owner])
      {
        suppressed[row[0]] = row[1]
      }
      // A problem is the owner's when it lies in one of their mailboxes
      // (the mailbox itself, a file in it, or an IMAP message location).
      let inOwnedMailbox = """
        EXISTS (SELECT 1 FROM mailboxOwner o WHERE o.owner = ? AND (p.file = o.mailbox
          OR substr(p.file, 1, length(o.mailbox) + 1) IN (o.mailbox || '/', o.mailbox || ';')))
        """
      let problems = try Row.fetchAll(
        db, sql: "SELECT kind, file, offset, field, detail FROM problem p WHERE \(inOwnedMailbox) ORDER BY id",
        arguments: [owner]
      ).map { row -> ProblemRow in
        let offset: Int64 = row["offset"]
        let field: String = row["field"]
        return ProblemRow(
          kind: row["kind"], file: row["file"], offset: offset < 0 ? nil : offset,
          field: field.isEmpty ? nil : field, detail: row["detail"])
      }
      let problemsByRun = try Row.fetchAll(
        db,
        sql: """
          SELECT p.firstRunId AS runId, r.startedAt, p.kind, COUNT(*) AS count
          FROM problem p JOIN scanRun r ON r.id = p.firstRunId WHERE \(inOwnedMailbox)
          GROUP BY p.firstRunId, p.kind ORDER BY p.firstRunId, p.kind
          """, arguments: [owner]
      ).map { row in
        ProblemRunCount(runId: row["runId"], startedAt: row["startedAt"], kind: row["kind"], count: row["count"])
      }
      return OwnerScope(
        owner: owner, mailboxes: mailboxes, messageKeys: keys, locations: locations, largestAudience: audience,
        suppressedByGroup: suppressed, problems: problems, problemsByRun: problemsByRun)
    }
  }
}

