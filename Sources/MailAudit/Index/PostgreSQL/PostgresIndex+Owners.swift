import Foundation
import PostgresNIO

// Whose mail: AuditIndex+Owners in PostgreSQL's words (recordOwner and
// mailboxOwners are with the scan's calls in PostgresIndex.swift).

extension PostgresIndex {
  /// The owners recorded, sorted.
  public func owners() throws -> [String] {
    try using { s in
      try s.rows(
        "SELECT DISTINCT owner COLLATE \"C\" FROM mailboxOwner ORDER BY 1", during: "listing owners"
      ).map { try $0.decode(String.self) }
    }
  }

  /// Counts by owner and by sender domain; nil when no mailbox has an owner.
  public func organisationTotals() throws -> OrganisationTotals? {
    try reading("the organisation's totals") { s in
      let during = "counting by owner"
      guard !(try s.rows("SELECT 1 FROM mailboxOwner LIMIT 1", during: during)).isEmpty else { return nil }
      let owners = try s.table(
        """
        SELECT o.owner, COUNT(DISTINCT o.mailbox) AS mailboxes, COUNT(DISTINCT l.messageRowId) AS messages,
          COUNT(DISTINCT f.messageRowId) AS findings, COUNT(DISTINCT f.incidentId) AS incidents
        FROM mailboxOwner o
        LEFT JOIN location l ON l.mailbox = o.mailbox
        LEFT JOIN finding f ON f.messageRowId = l.messageRowId
        GROUP BY o.owner ORDER BY findings DESC, o.owner COLLATE "C"
        """, during: during
      ).map { row in
        OrganisationTotals.Owner(
          owner: try row("owner"), mailboxes: try row("mailboxes"), messages: try row("messages"),
          findings: try row("findings"), incidents: try row("incidents"))
      }
      let domains = try s.table(
        """
        SELECT COALESCE(m.senderDomain, '') AS domain, COUNT(*) AS messages, COUNT(f.messageRowId) AS findings
        FROM message m LEFT JOIN finding f ON f.messageRowId = m.id
        GROUP BY 1 ORDER BY findings DESC, COALESCE(m.senderDomain, '') COLLATE "C"
        """, during: during
      ).map { row in
        OrganisationTotals.SenderDomain(domain: try row("domain"), messages: try row("messages"), findings: try row("findings"))
      }
      let unowned =
        try s.rows(
          """
          SELECT COUNT(*) FROM message m WHERE NOT EXISTS (
            SELECT 1 FROM location l JOIN mailboxOwner o ON o.mailbox = l.mailbox WHERE l.messageRowId = m.id)
          """, during: during
        ).first?.decode(Int.self) ?? 0
      return OrganisationTotals(owners: owners, senderDomains: domains, messagesWithoutOwner: unowned)
    }
  }

  /// What belongs to `owner`: their mailboxes, the keys of the messages
  /// found there, per exposed address the largest audience it had in them,
  /// their suppressions and the problems met in their mailboxes.
  public func ownerScope(_ owner: String) throws -> OwnerScope {
    try reading("an owner's scope") { s in
      let during = "reading \(owner)'s scope"
      let ownerBind = [PostgresData(string: owner)]
      let mailboxes = try s.rows(
        "SELECT mailbox FROM mailboxOwner WHERE owner = $1 ORDER BY mailbox COLLATE \"C\"", ownerBind, during: during
      ).map { try $0.decode(String.self) }
      let keys = Set(
        try s.rows(
          """
          SELECT DISTINCT m.key FROM mailboxOwner o JOIN location l ON l.mailbox = o.mailbox
          JOIN message m ON m.id = l.messageRowId WHERE o.owner = $1
          """, ownerBind, during: during
        ).map { try $0.decode(String.self) })
      let ownedMessages =
        "SELECT l.messageRowId FROM location l JOIN mailboxOwner o ON o.mailbox = l.mailbox WHERE o.owner = $1"
      var audience: [String: Int] = [:]
      for row in try s.rows(
        """
        SELECT a.address, MAX(e.exposedTo) FROM exposure e JOIN address a ON a.id = e.addressId
        WHERE e.messageRowId IN (\(ownedMessages)) GROUP BY a.address
        """, ownerBind, during: during)
      {
        let (address, exposedTo) = try row.decode((String, Int).self)
        audience[address] = exposedTo
      }
      let locations =
        try s.rows(
          "SELECT COUNT(*) FROM location l JOIN mailboxOwner o ON o.mailbox = l.mailbox WHERE o.owner = $1", ownerBind,
          during: during
        ).first?.decode(Int.self) ?? 0
      var suppressed: [String: Int] = [:]
      for row in try s.rows(
        "SELECT allowedGroup, COUNT(*) FROM suppression WHERE messageRowId IN (\(ownedMessages)) GROUP BY allowedGroup",
        ownerBind, during: during)
      {
        let (group, count) = try row.decode((String, Int).self)
        suppressed[group] = count
      }
      // A problem is the owner's when it lies in one of their mailboxes
      // (the mailbox itself, a file in it, or an IMAP message location).
      let inOwnedMailbox = """
        WHERE EXISTS (SELECT 1 FROM mailboxOwner o WHERE o.owner = $1 AND (p.file = o.mailbox
          OR substr(p.file, 1, length(o.mailbox) + 1) IN (o.mailbox || '/', o.mailbox || ';')))
        """
      return OwnerScope(
        owner: owner, mailboxes: mailboxes, messageKeys: keys, locations: locations, largestAudience: audience,
        suppressedByGroup: suppressed, problems: try Self.problems(s, whereClause: inOwnedMailbox, binds: ownerBind),
        problemsByRun: try Self.problemsByRun(s, whereClause: inOwnedMailbox, binds: ownerBind))
    }
  }
}
