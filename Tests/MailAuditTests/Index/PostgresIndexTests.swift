import Foundation
import GRDB
import MailParsing
import PostgresNIO
import XCTest

@testable import MailAudit

/// The PostgreSQL index's address, password lookup, schema and per-source
/// locks; the schema and locks against a throwaway server.
final class PostgresIndexTests: XCTestCase {
  func testAddressesReadAsLibpqReadsThemAndRefuseAPassword() throws {
    let full = try PostgresIndexAddress(url: "postgresql://scanner@db.example:6543/audit?sslmode=verify-full", environment: [:])
    XCTAssertEqual([full.user, full.host, String(full.port), full.database], ["scanner", "db.example", "6543", "audit"])
    XCTAssertEqual(full.sslMode, .verifyFull)
    XCTAssertEqual(full.description, "postgresql://scanner@db.example:6543/audit")
    let defaults = try PostgresIndexAddress(url: "postgres://db.example", environment: ["PGUSER": "audit"])
    XCTAssertEqual([defaults.user, defaults.database, String(defaults.port)], ["audit", "audit", "5432"])
    XCTAssertEqual(defaults.sslMode, .prefer)
    let socket = try PostgresIndexAddress(url: "postgresql://audit@/mail?host=/run/postgresql", environment: [:])
    XCTAssertTrue(socket.isSocket)
    XCTAssertEqual(socket.description, "postgresql://audit@/mail?host=/run/postgresql")
    XCTAssertThrowsError(try PostgresIndexAddress(url: "postgresql://u:secret@db.example/audit", environment: [:])) {
      XCTAssertFalse(($0 as? PostgresIndexError)?.errorDescription?.contains("secret") ?? true, "\($0)")
    }
    XCTAssertThrowsError(try PostgresIndexAddress(url: "postgresql://u@db.example/a?sslmode=always", environment: [:]))
    // Found by Fuzz/Targets/pgaddress.swift: a password as libpq's parameter,
    // or in an address refused before its password was looked at, was
    // repeated in the error.
    for text in [
      "postgresql://u@db.example/a?password=hunter2", "postgresql://u@db.example/a?sslmode=no&password=hunter2",
      "postgres ql://u:hunter2@db.example/a", "//u:hunter2@db.example/a", "//\u{65E}u:hunter2@db.example/a", "postgresql://u:hunter2@db.example/a?sslmode=no",
    ] {
      XCTAssertThrowsError(try PostgresIndexAddress(url: text, environment: [:]), text) {
        let description = ($0 as? PostgresIndexError)?.errorDescription ?? ""
        XCTAssertFalse(description.contains("hunter2"), description)
        XCTAssertTrue(description.contains("u@db.example"), description)
      }
    }
    XCTAssertFalse(PostgresIndexAddress.isPostgresURL("/var/lib/mailaudit/index.sqlite"))
    // Found by Fuzz/Targets/pgaddress.swift: '?dbname' gave an empty database name.
    let empty = try PostgresIndexAddress(url: "postgresql://audit@db.example/?dbname&user=&host=", environment: [:])
    XCTAssertEqual([empty.user, empty.host, empty.database], ["audit", "db.example", "audit"])
    let noUser = try PostgresIndexAddress(url: "postgresql://@db.example", environment: ["PGUSER": "audit"])
    XCTAssertEqual([noUser.user, noUser.database], ["audit", "audit"])
  }

  func testThePasswordComesFromTheEnvironmentElseTheFirstMatchingPgpassLine() throws {
    let address = try PostgresIndexAddress(url: "postgresql://scanner@db.example:5432/audit", environment: [:])
    // Found by Fuzz/Targets/pgaddress.swift: a field starting with a
    // combining mark joined the ':' before it into one Character, so the
    // line had four fields and never matched.
    XCTAssertEqual(PostgresPassword.lookup(in: "*:*:*:*:\u{34A}pw", for: address), "\u{34A}pw")
    let pgpass = """
      # host:port:database:user:password
      other.example:*:*:*:no
      db.example:5432:audit:admin:no
      db.example:*:audit:scanner:pa\\:ss\\\\word
      *:*:*:*:fallback
      """
    XCTAssertEqual(PostgresPassword.lookup(in: pgpass, for: address), "pa:ss\\word")
    XCTAssertEqual(PostgresPassword.find(for: address, environment: ["PGPASSWORD": "from-env"]), "from-env")
    let folder = try temporaryFolder(self)
    let file = folder.appendingPathComponent("pgpass")
    try Data(pgpass.utf8).write(to: file)
    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
    XCTAssertNil(PostgresPassword.find(for: address, environment: ["PGPASSFILE": file.path]), "others can read it")
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
    XCTAssertEqual(PostgresPassword.find(for: address, environment: ["PGPASSFILE": file.path]), "pa:ss\\word")
  }

  func session(_ cluster: PostgresCluster, overTCP: Bool = false) throws -> PostgresSession {
    let url =
      overTCP
      ? "postgresql://postgres@127.0.0.1:\(cluster.port)/postgres?sslmode=prefer"
      : "postgresql://postgres@/postgres?host=\(cluster.socketFolder)&port=\(cluster.port)"
    let session = try PostgresSession.open(try PostgresIndexAddress(url: url, environment: [:]), password: nil)
    addTeardownBlock { session.close() }
    return session
  }

  func testMigrationsCreateTheSchemaOnceEvenWhenTwoScannersStartTogether() throws {
    let cluster = try PostgresCluster.start(for: self)
    let sessions = [try session(cluster), try session(cluster, overTCP: true)]
    let applied = ThreadSafeList()
    DispatchQueue.concurrentPerform(iterations: 2) { n in
      do {
        applied.add(try PostgresSchema.migrate(sessions[n]))
      } catch {
        applied.add(["error: \(error)"])
      }
    }
    XCTAssertEqual(applied.all.sorted(), PostgresSchema.migrations.map(\.name).sorted())
    XCTAssertEqual(try PostgresSchema.migrate(sessions[0]), [])
    let tables = try cluster.psql(
      "SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_schema = 'public'")
    XCTAssertEqual(
      tables.split(separator: ",").map(String.init),
      [
        "address", "analysisstate", "exposure", "finding", "findingfirstseen", "findinglink", "followup",
        "followuptrail", "imapfolderstate",
        "incident", "incidentfirstseen", "location", "mailboxowner", "maskingkey", "message", "problem", "scanrun",
        "schemamigration", "sourcestate", "suppression",
      ])
    XCTAssertEqual(try cluster.psql("SELECT length(key) FROM maskingKey"), "32")
  }

  func testEachSourceHasItsOwnLockHeldUntilReleasedOrDisconnected() throws {
    let cluster = try PostgresCluster.start(for: self)
    let first = try session(cluster)
    let second = try session(cluster)
    XCTAssertTrue(try first.tryLockSource("imap://alice@mail.example/Sent"))
    XCTAssertFalse(try second.tryLockSource("imap://alice@mail.example/Sent"))
    XCTAssertTrue(try second.tryLockSource("imap://hanako@mail.example/Sent"))
    try first.unlockSource("imap://alice@mail.example/Sent")
    XCTAssertTrue(try second.tryLockSource("imap://alice@mail.example/Sent"))
    second.close()
    XCTAssertTrue(try first.tryLockSource("imap://hanako@mail.example/Sent"))
  }

  func testAnUnreachableServerIsCannotConnectNamingItWithoutThePassword() throws {
    let address = try PostgresIndexAddress(url: "postgresql://u@127.0.0.1:1/audit?sslmode=disable", environment: [:])
    XCTAssertThrowsError(try PostgresSession.open(address, password: "secret-word")) { error in
      guard case .cannotConnect(let named, _) = error as? PostgresIndexError else { return XCTFail("\(error)") }
      XCTAssertEqual(named, "postgresql://u@127.0.0.1:1/audit")
      XCTAssertFalse("\(error)".contains("secret-word"))
    }
  }
}

/// Names gathered from several threads.
final class ThreadSafeList: @unchecked Sendable {
  private let lock = NSLock()
  private var items: [String] = []
  func add(_ more: [String]) {
    lock.lock()
    items += more
    lock.unlock()
  }
  var all: [String] {
    lock.lock()
    defer { lock.unlock() }
    return items
  }
}

/// The scan's half of the PostgreSQL index against the SQLite one, and two
/// scanners storing at once.
final class PostgresIndexScanTests: XCTestCase {
  /// The sample as the scan hands it to a store, in batches of `size`.
  static func sampleBatches(size: Int, mailbox: String? = nil) throws -> [[ScannedMessage]] {
    var scanned: [ScannedMessage] = []
    try MboxReader(path: PackagePaths.sample.path, mailbox: mailbox).forEachEvent { event in
      if case .message(let raw) = event { scanned.append(ScanDriver.read(raw).0) }
    }
    return stride(from: 0, to: scanned.count, by: size).map { Array(scanned[$0..<min($0 + size, scanned.count)]) }
  }

  func open(_ cluster: PostgresCluster) throws -> PostgresIndex {
    try PostgresIndex(
      address: try PostgresIndexAddress(
        url: "postgresql://postgres@/postgres?host=\(cluster.socketFolder)&port=\(cluster.port)", environment: [:]))
  }

  func testABatchStoredInPostgreSQLCountsAndKeepsWhatSQLiteDoes() throws {
    let cluster = try PostgresCluster.start(for: self)
    let postgres = try open(cluster)
    let sqlite = try AuditIndex()
    let problem = Problem(kind: .badDate, file: PackagePaths.sample.path, offset: 7, field: "date", detail: "Someday")
    for store in [0, 1] {
      let runId = store == 0 ? try postgres.beginRun(paths: ["sample"]) : try sqlite.beginRun(paths: ["sample"])
      var outcomes: [BatchOutcome] = []
      for batch in try Self.sampleBatches(size: 10) + Self.sampleBatches(size: 10) {
        outcomes.append(
          store == 0
            ? try postgres.store(batch, problems: [problem], runId: runId)
            : try sqlite.store(batch, problems: [problem], runId: runId))
      }
      let totals = outcomes.reduce(into: [0, 0, 0, 0]) {
        $0[0] += $1.newMessages
        $0[1] += $1.duplicates
        $0[2] += $1.alreadyIndexed
        $0[3] += $1.newProblems
      }
      // 34 copies, one message twice; read again, everything is known.
      XCTAssertEqual(totals, [33, 1, 34, 1], store == 0 ? "PostgreSQL" : "SQLite")
    }
    let fromPostgres = try cluster.psql(
      "SELECT string_agg(l.identity || ' ' || m.key, E'\\n' ORDER BY l.identity) FROM location l JOIN message m ON m.id = l.messageRowId")
    let fromSQLite = try sqlite.writer.read { db in
      try String.fetchAll(
        db, sql: "SELECT l.identity || ' ' || m.key FROM location l JOIN message m ON m.id = l.messageRowId ORDER BY l.identity")
    }
    XCTAssertEqual(fromPostgres.split(separator: "\n").map(String.init), fromSQLite)
  }

  func testTwoScannersStoringTheSameMessagesAtOnceKeepOneRowAndBothLocations() throws {
    let cluster = try PostgresCluster.start(for: self)
    let scanners = [try open(cluster), try open(cluster)]
    let runs = try scanners.map { try $0.beginRun(paths: ["sample"]) }
    // The same mail in two places: the messages are shared, the locations differ.
    let copies = [try Self.sampleBatches(size: 5, mailbox: "/srv/a"), try Self.sampleBatches(size: 5, mailbox: "/srv/b")]
    let failures = ThreadSafeList()
    DispatchQueue.concurrentPerform(iterations: 2) { n in
      for batch in copies[n] {
        do {
          _ = try scanners[n].store(
            batch.map { var m = $0; m.location.file = "/srv/\(n)/Sent.mbox"; return m }, problems: [], runId: runs[n])
        } catch {
          failures.add(["\(error)"])
        }
      }
    }
    XCTAssertEqual(failures.all, [])
    XCTAssertEqual(try cluster.psql("SELECT count(*) FROM message"), "33")
    XCTAssertEqual(try cluster.psql("SELECT count(*) FROM location"), "68")
    XCTAssertEqual(try cluster.psql("SELECT count(DISTINCT messageRowId) FROM location"), "33")
  }

  /// One scanner's batch draws its row ids and is still storing when
  /// another scanner stores a later batch and analyses. Were the analysis
  /// to read its high-water mark then, it would take the later batch's ids
  /// and never read the first batch's messages: every incremental analysis
  /// after it starts above them. The analysis waits for the batch instead.
  func testAnAnalysisWaitsForABatchStillStoringSoItsMessagesAreNotPassedOver() throws {
    let cluster = try PostgresCluster.start(for: self)
    let (first, second) = (try open(cluster), try open(cluster))
    let analysis = StoreAnalysis(policy: ExposurePolicy(), catalog: try testCatalog())
    let halves = try Self.sampleBatches(size: 17)
    XCTAssertEqual(halves.count, 2)
    let runs = (try first.beginRun(paths: ["sample"]), try second.beginRun(paths: ["sample"]))
    let drawn = DispatchSemaphore(value: 0)
    let analysed = DispatchSemaphore(value: 0)
    let stored = DispatchSemaphore(value: 0)
    let failures = ThreadSafeList()
    let waitedForTheAnalysis = ThreadSafeList()
    DispatchQueue.global().async {
      var parts = 0
      do {
        _ = try first.store(
          parts: {
            parts += 1
            if parts == 1 { return halves[0] }
            // The first half is sent: give the server time to insert it,
            // then let the other scanner work while this batch is open.
            Thread.sleep(forTimeInterval: 0.3)
            drawn.signal()
            if analysed.wait(timeout: .now() + 2) == .success { waitedForTheAnalysis.add(["no"]) }
            return nil
          }, problems: { [] }, runId: runs.0, progress: nil)
      } catch {
        failures.add(["\(error)"])
      }
      stored.signal()
    }
    drawn.wait()
    _ = try second.store(halves[1], problems: [], runId: runs.1)
    try analysis.run(on: second, runId: runs.1)
    analysed.signal()
    stored.wait()
    XCTAssertEqual(failures.all, [])
    XCTAssertEqual(waitedForTheAnalysis.all, [], "the analysis ran while the first batch was storing")

    // What the next incremental analysis finds equals a full one.
    try analysis.run(on: second, runId: nil)
    let findings = "SELECT string_agg(m.key, ' ' ORDER BY m.key) FROM finding f JOIN message m ON m.id = f.messageRowId"
    let afterIncremental = try cluster.psql(findings)
    try analysis.run(on: second, runId: nil, full: true)
    XCTAssertEqual(afterIncremental, try cluster.psql(findings))
    XCTAssertEqual(try cluster.psql("SELECT count(*) FROM message"), "33")
  }

  /// The fence is held only while an analysis reads its mark: a scanner
  /// stores its batches while another scanner's analysis works, and the
  /// messages it stores then are above the mark, left to the next analysis.
  func testAScannerStoresWhileAnotherAnalysesAndItsMessagesAreAboveTheMark() throws {
    let cluster = try PostgresCluster.start(for: self)
    let (analysing, storing) = (try open(cluster), try open(cluster))
    let halves = try Self.sampleBatches(size: 17)
    let runs = (try analysing.beginRun(paths: ["sample"]), try storing.beginRun(paths: ["sample"]))
    _ = try analysing.store(halves[0], problems: [], runId: runs.0)
    let stored = DispatchSemaphore(value: 0)
    let failures = ThreadSafeList()
    let mark = try analysing.withAnalysisSession { session -> Int64 in
      let mark = try session.messageHighWater()
      DispatchQueue.global().async {
        do {
          _ = try storing.store(halves[1], problems: [], runId: runs.1)
        } catch {
          failures.add(["\(error)"])
        }
        stored.signal()
      }
      XCTAssertEqual(stored.wait(timeout: .now() + 10), .success, "the batch waited for the whole analysis")
      return mark
    }
    XCTAssertEqual(failures.all, [])
    XCTAssertEqual(try cluster.psql("SELECT count(*) FROM message WHERE id <= \(mark)"), "17")
    XCTAssertEqual(try cluster.psql("SELECT count(*) FROM message WHERE id > \(mark)"), "16")
  }

  /// An analysis that fails while it holds the fence (a session-level
  /// lock, which a rollback does not release) releases it: the scanners'
  /// batches must not wait on it for as long as the connection lives.
  func testAnAnalysisFailingWhileItHoldsTheFenceReleasesIt() throws {
    let cluster = try PostgresCluster.start(for: self)
    let owner = try open(cluster)
    _ = try owner.store(try Self.sampleBatches(size: 34)[0], problems: [], runId: try owner.beginRun(paths: ["s"]))
    // A role that can do everything but read `message`: its analysis takes
    // the fence, then fails on MAX(id).
    try cluster.psql(
      """
      CREATE ROLE reader LOGIN; GRANT USAGE ON SCHEMA public TO reader;
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO reader;
      GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO reader; REVOKE SELECT ON message FROM reader
      """)
    let failing = try PostgresIndex(
      address: try PostgresIndexAddress(
        url: "postgresql://reader@/postgres?host=\(cluster.socketFolder)&port=\(cluster.port)", environment: [:]))
    let analysis = StoreAnalysis(policy: ExposurePolicy(), catalog: try testCatalog())
    XCTAssertThrowsError(try analysis.run(on: failing, runId: nil)) { error in
      XCTAssertTrue("\(error)".contains("message"), "\(error)")
    }
    XCTAssertEqual(
      try cluster.psql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = \(UInt32(truncatingIfNeeded: PostgresSchema.highWaterFence))"),
      "0", "the fence outlived the failed analysis")
    // A batch stores at once (a held fence would keep it waiting), and an
    // analysis by the owner runs.
    let batch = try Self.sampleBatches(size: 34, mailbox: "/srv/other")[0].map {
      var m = $0
      m.message.key += "-other"
      return m
    }
    let runId = try owner.beginRun(paths: ["s"])
    let stored = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
      _ = try? owner.store(batch, problems: [], runId: runId)
      stored.signal()
    }
    guard stored.wait(timeout: .now() + 10) == .success else {
      return XCTFail("a batch waited on the failed analysis' fence")
    }
    XCTAssertGreaterThan(try analysis.run(on: owner, runId: nil).findings, 5)
    withExtendedLifetime(failing) {}
  }
}

/// Many scanners on one PostgreSQL index: a run is abandoned only when its
/// scanner is gone.
final class PostgresRunTests: XCTestCase {
  func testOnlyARunWhoseScannerDiedIsClosedAsInterrupted() throws {
    let cluster = try PostgresCluster.start(for: self)
    let url = "postgresql://postgres@/postgres?host=\(cluster.socketFolder)&port=\(cluster.port)"
    var first: PostgresIndex? = try PostgresIndex(address: try PostgresIndexAddress(url: url, environment: [:]))
    let second = try PostgresIndex(address: try PostgresIndexAddress(url: url, environment: [:]))
    let running = try XCTUnwrap(first).beginRun(paths: ["/srv/mail/alice"])
    let finished = try second.beginRun(paths: ["/srv/mail/bob"])
    try second.finishRun(finished, status: "completed", counts: ScanRunCounts())
    try second.closeAbandonedRuns()
    XCTAssertEqual(try cluster.psql("SELECT status FROM scanRun WHERE id = \(running)"), "running")
    first = nil  // the scanner's connection ends, as when it is killed
    // The server ends the backend, and so frees its locks, a moment after
    // the connection closes: look again until then.
    let deadline = Date().addingTimeInterval(10)
    repeat {
      try second.closeAbandonedRuns()
      if try cluster.psql("SELECT status FROM scanRun WHERE id = \(running)") != "running" { break }
      Thread.sleep(forTimeInterval: 0.05)
    } while Date() < deadline
    XCTAssertEqual(try cluster.psql("SELECT status FROM scanRun ORDER BY id"), "interrupted\ncompleted")
    XCTAssertEqual(try second.latestRunId(), finished)
  }

  func testMaildirRenamesAndGoneLocationsAreKeptAsInSQLite() throws {
    let cluster = try PostgresCluster.start(for: self)
    let index = try PostgresIndex(
      address: try PostgresIndexAddress(
        url: "postgresql://postgres@/postgres?host=\(cluster.socketFolder)&port=\(cluster.port)", environment: [:]))
    let runId = try index.beginRun(paths: ["sample"])
    let batch = try XCTUnwrap(try PostgresIndexScanTests.sampleBatches(size: 100).first)
    _ = try index.store(batch, problems: [], runId: runId)
    let known = try index.knownLocations(inMailbox: PackagePaths.sample.path)
    XCTAssertEqual(known.count, 34)
    let (first, second) = (known.keys.sorted()[0], known.keys.sorted()[1])
    try index.updateMaildirLocations(renamed: [(first, "renamed")], gone: [second], runId: runId)
    let after = try index.knownLocations(inMailbox: PackagePaths.sample.path)
    XCTAssertEqual(after.count, 33)
    XCTAssertEqual(after[first], "renamed")
    try index.markLocationsGone(inFile: PackagePaths.sample.path, runId: runId)
    XCTAssertEqual(try index.knownLocations(inMailbox: PackagePaths.sample.path).count, 1)  // the renamed one
    try index.recordOwner("alice", mailbox: PackagePaths.sample.path, runId: runId)
    XCTAssertEqual(try index.mailboxOwners(), [PackagePaths.sample.path: "alice"])
  }
}

/// What the commands open for a postgresql:// index.
final class PostgresStoreLocationTests: XCTestCase {
  /// Runs `body` in an empty current folder and gives what it left there.
  func leftInCurrentFolder(_ body: () throws -> Void) throws -> [String] {
    let folder = try temporaryFolder(self)
    let previous = FileManager.default.currentDirectoryPath
    XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(folder.path))
    defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
    try body()
    return try FileManager.default.contentsOfDirectory(atPath: folder.path)
  }

  func testAPostgresAddressOpensAPostgresIndexAndNeverASQLiteFile() throws {
    let cluster = try PostgresCluster.start(for: self)
    let location = StoreLocation("postgresql://postgres@/postgres?host=\(cluster.socketFolder)&port=\(cluster.port)")
    XCTAssertTrue(location.exists)
    let left = try leftInCurrentFolder {
      let store = try location.open()
      XCTAssertTrue(store is PostgresIndex, "\(type(of: store))")
      XCTAssertEqual(store.location, "postgresql://postgres@/postgres?host=\(cluster.socketFolder)&port=\(cluster.port)")
    }
    XCTAssertEqual(left, [])
    XCTAssertFalse(StoreLocation("/var/lib/mailaudit/index.sqlite").isPostgres)
  }

  func testReadingADatabaseWithoutTheIndexFailsSayingHowToMakeItAndCreatesNothing() throws {
    let cluster = try PostgresCluster.start(for: self)
    let location = StoreLocation("postgresql://postgres@/postgres?host=\(cluster.socketFolder)&port=\(cluster.port)")
    XCTAssertThrowsError(try location.open(creatingSchema: false)) { error in
      XCTAssertEqual(error as? PostgresIndexError, .notInitialised(location.text))
      let message = (error as? LocalizedError)?.errorDescription ?? ""
      XCTAssertTrue(message.contains("mailaudit scan") && message.contains("administrator"), message)
    }
    XCTAssertEqual(try cluster.psql("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), "0")
    _ = try location.open()  // a scan's first connection makes the tables
    let reader = try location.open(creatingSchema: false)
    XCTAssertEqual(try reader.latestRunId(), nil)
  }

  func testAnUnreachablePostgresIndexIsCannotConnectAndLeavesNoFile() throws {
    let left = try leftInCurrentFolder {
      XCTAssertThrowsError(try StoreLocation("postgresql://audit@127.0.0.1:1/mail?sslmode=disable").open()) { error in
        guard case .cannotConnect(let named, _) = error as? PostgresIndexError else { return XCTFail("\(error)") }
        XCTAssertEqual(named, "postgresql://audit@127.0.0.1:1/mail")
      }
    }
    XCTAssertEqual(left, [])
  }

  /// A server that asks for a password neither PGPASSWORD nor ~/.pgpass
  /// holds: the prompt is asked (naming the user and server, never in
  /// argv), its answer used once; without a prompt the error says where a
  /// password can come from; a wrong one is refused by the server.
  func testAPasswordTheServerAsksForComesFromThePromptWhenNothingElseHoldsIt() throws {
    guard ProcessInfo.processInfo.environment["PGPASSWORD"] == nil else {
      throw XCTSkip("PGPASSWORD is set in this environment: the prompt would not be reached")
    }
    let cluster = try PostgresCluster.start(for: self)
    _ = try cluster.psql("CREATE ROLE vault LOGIN PASSWORD 'correct horse'; GRANT ALL ON SCHEMA public TO vault")
    // The server asks this role for a password over loopback; everyone else stays trusted.
    let hba = URL(fileURLWithPath: cluster.socketFolder).deletingLastPathComponent().appendingPathComponent("data/pg_hba.conf")
    let rules = try String(contentsOf: hba, encoding: .utf8)
    try ("host all vault 127.0.0.1/32 scram-sha-256\n" + rules).write(to: hba, atomically: false, encoding: .utf8)
    XCTAssertEqual(try cluster.psql("SELECT pg_reload_conf()"), "t")
    let location = StoreLocation("postgresql://vault@127.0.0.1:\(cluster.port)/postgres?sslmode=disable")
    // An empty pgpass file of the right mode: no line for this server.
    let home = try temporaryFolder(self)
    setenv("PGPASSFILE", home.appendingPathComponent("pgpass").path, 1)
    defer { unsetenv("PGPASSFILE") }

    XCTAssertThrowsError(try location.open()) { error in
      XCTAssertEqual(error as? PostgresIndexError, .passwordRequired("postgresql://vault@127.0.0.1:\(cluster.port)/postgres"))
      XCTAssertTrue(error.localizedDescription.contains("PGPASSWORD"), error.localizedDescription)
    }
    var asked: [String] = []
    let store = try location.open(passwordPrompt: { question in
      asked.append(question)
      return "correct horse"
    })
    XCTAssertEqual(asked, ["Password for vault at postgresql://vault@127.0.0.1:\(cluster.port)/postgres: "])
    XCTAssertNil(try store.latestRunId())
    XCTAssertThrowsError(try location.open(passwordPrompt: { _ in "wrong" })) { error in
      guard case .cannotConnect = error as? PostgresIndexError else { return XCTFail("\(error)") }
      XCTAssertFalse(error.localizedDescription.contains("wrong"), "the typed password is never shown")
    }
  }
}

/// The analysis over a PostgreSQL index gives what it gives over SQLite.
final class PostgresAnalysisTests: XCTestCase {
  /// The sample, or a copy of it whose messages are other messages (their
  /// keys and Message-IDs renamed by `tag`), so findings double.
  static func sample(as tag: String?) throws -> [ScannedMessage] {
    try PostgresIndexScanTests.sampleBatches(size: 100).flatMap { $0 }.map { scanned in
      guard let tag else { return scanned }
      var copy = scanned
      copy.message.key += tag
      copy.message.messageID = copy.message.messageID.map { $0 + tag }
      copy.location.file += tag  // another place: mbox identities are file@offset
      return copy
    }
  }

  /// A batch is a few statements, and an analysis a few round trips, however
  /// many messages, findings and incidents they hold: one statement or
  /// round trip per row is what made the index slow.
  func testABatchAndAnAnalysisCostTheSameRoundTripsForTwiceTheMail() throws {
    let cluster = try PostgresCluster.start(for: self)
    let url = "postgresql://postgres@/postgres?host=\(cluster.socketFolder)&port=\(cluster.port)"
    let postgres = try PostgresIndex(address: try PostgresIndexAddress(url: url, environment: [:]))
    let analysis = StoreAnalysis(policy: ExposurePolicy(), catalog: try testCatalog())
    func cost(_ body: () throws -> Void) throws -> (statements: Int, roundTrips: Int) {
      let before = try postgres.using { ($0.statementsSent, $0.roundTrips) }
      try body()
      let after = try postgres.using { ($0.statementsSent, $0.roundTrips) }
      return (after.0 - before.0, after.1 - before.1)
    }
    let runId = try postgres.beginRun(paths: ["sample"])
    var batches: [(statements: Int, roundTrips: Int)] = []
    var analyses: [(statements: Int, roundTrips: Int)] = []
    var findings: [Int] = []
    // The sample, then twice as much mail (two renamed copies) in one
    // batch, each with a problem and how far its file was read.
    for (n, batch) in [try Self.sample(as: nil), try Self.sample(as: "-copy") + Self.sample(as: "-again")].enumerated() {
      let problem = Problem(kind: .badDate, file: "sample", offset: UInt64(n), field: "date", detail: "Someday")
      let state = SourceState(
        path: "sample", device: 1, inode: 2, size: UInt64(100 * (n + 1)), mtime: 3, fingerprint: "f",
        resumeOffset: UInt64(100 * (n + 1)), complete: false)
      batches.append(try cost { _ = try postgres.store(batch, problems: [problem], runId: runId, progress: state) })
      analyses.append(try cost { findings.append(try analysis.run(on: postgres, runId: runId, full: true).findings) })
      XCTAssertEqual(try postgres.sourceState(path: "sample"), state)
    }
    XCTAssertEqual(try cluster.psql("SELECT count(*) FROM problem"), "2")
    XCTAssertEqual(findings[1], findings[0] * 3, "the copies are findings of their own")
    XCTAssertGreaterThan(findings[0], 5)
    XCTAssertEqual(batches[0].statements, batches[1].statements, "\(batches)")
    XCTAssertLessThanOrEqual(
      batches[0].statements, 6, "BEGIN, the analysis fence, the messages, the problems, the state, COMMIT")
    // Everything up to COMMIT is sent without waiting: one wait for its
    // answers, one for COMMIT (each wait left the server idle).
    XCTAssertEqual(batches[0].roundTrips, 2, "\(batches)")
    XCTAssertEqual(analyses[0].roundTrips, analyses[1].roundTrips, "\(analyses)")
    XCTAssertLessThan(analyses[0].roundTrips, findings[0], "\(analyses)")
  }

  /// Batches reach the server as column arrays written by hand in
  /// PostgreSQL's binary format (PostgresArrayColumn): every kind of value
  /// comes back as it went, NULLs and empty arrays included.
  func testColumnArraysReachTheServerAsTheyWereWritten() throws {
    let cluster = try PostgresCluster.start(for: self)
    let url = "postgresql://postgres@/postgres?host=\(cluster.socketFolder)&port=\(cluster.port)"
    let postgres = try PostgresIndex(address: try PostgresIndexAddress(url: url, environment: [:]))
    let texts: [String?] = ["plain", nil, "", "送信済みアイテム", "emoji 📮 and \u{1F}unit", String(repeating: "x", count: 5000)]
    let numbers: [Int64?] = [0, nil, -1, .max, .min, 1 << 40]
    let flags = [true, false, false, true]
    let binds: [PostgresData] = [.texts(texts), .bigints(numbers), .bools(flags), .texts([]), .bigints([Int64?]())]
    let read: [PostgresRow] = try postgres.using { s in
      try s.rows(
        """
        SELECT (SELECT array_agg(coalesce(x, '<null>') ORDER BY n) FROM unnest($1::text[]) WITH ORDINALITY u(x, n)),
          (SELECT array_agg(coalesce(x::text, '<null>') ORDER BY n) FROM unnest($2::bigint[]) WITH ORDINALITY u(x, n)),
          (SELECT array_agg(x::text ORDER BY n) FROM unnest($3::bool[]) WITH ORDINALITY u(x, n)),
          cardinality($4::text[]), cardinality($5::bigint[])
        """, binds, during: "test")
    }
    let (t, b, f, emptyTexts, emptyNumbers) = try XCTUnwrap(read.first).decode(([String], [String], [String], Int, Int).self)
    XCTAssertEqual(t, texts.map { $0 ?? "<null>" })
    XCTAssertEqual(b, numbers.map { $0.map(String.init) ?? "<null>" })
    XCTAssertEqual(f, flags.map { $0 ? "true" : "false" })
    XCTAssertEqual([emptyTexts, emptyNumbers], [0, 0])
  }

  func testTheSampleGivesTheSameFindingsAndIncidentsOnBothStores() throws {
    let cluster = try PostgresCluster.start(for: self)
    let postgres = try PostgresIndex(
      address: try PostgresIndexAddress(
        url: "postgresql://postgres@/postgres?host=\(cluster.socketFolder)&port=\(cluster.port)", environment: [:]))
    let sqlite = try AuditIndex()
    let analysis = StoreAnalysis(policy: ExposurePolicy(), catalog: try testCatalog())
    // Two runs, so the second analysis is incremental on both.
    let batches = try PostgresIndexScanTests.sampleBatches(size: 20)
    var outcomes: [[String]] = [[], []]
    for part in [batches.prefix(1), batches.dropFirst()] {
      let pgRun = try postgres.beginRun(paths: ["sample"])
      let sqliteRun = try sqlite.beginRun(paths: ["sample"])
      for batch in part {
        _ = try postgres.store(batch, problems: [], runId: pgRun)
        _ = try sqlite.store(batch, problems: [], runId: sqliteRun)
      }
      let fromPostgres = try analysis.run(on: postgres, runId: pgRun)
      let fromSQLite = try analysis.run(on: sqlite, runId: sqliteRun)
      outcomes[0].append("\(fromPostgres.findings) \(fromPostgres.incidents) \(fromPostgres.newFindings) \(fromPostgres.mode)")
      outcomes[1].append("\(fromSQLite.findings) \(fromSQLite.incidents) \(fromSQLite.newFindings) \(fromSQLite.mode)")
    }
    XCTAssertEqual(outcomes[0], outcomes[1])
    let queries = [
      "SELECT m.key || ' ' || f.severity || ' ' || f.incidentId || ' ' || f.parties || ' ' || f.personalCount FROM finding f JOIN message m ON m.id = f.messageRowId ORDER BY 1",
      "SELECT id || ' ' || people || ' ' || personalCount || ' ' || parties || ' ' || messages || ' ' || severity FROM incident ORDER BY 1",
      "SELECT m.key || ' ' || a.address || ' ' || a.party || ' ' || e.exposedTo || ' ' || e.recipientIndex FROM exposure e JOIN message m ON m.id = e.messageRowId JOIN address a ON a.id = e.addressId ORDER BY 1",
      "SELECT m.key || ' ' || k.link FROM findingLink k JOIN message m ON m.id = k.messageRowId ORDER BY 1",
      "SELECT messageKey || ' ' || runId FROM findingFirstSeen ORDER BY 1",
    ]
    for sql in queries {
      let fromPostgres = try cluster.psql(sql).split(separator: "\n").map(String.init)
      let fromSQLite = try sqlite.writer.read { db in try String.fetchAll(db, sql: sql) }
      XCTAssertFalse(fromSQLite.isEmpty, sql)
      XCTAssertEqual(fromPostgres, fromSQLite, sql)
    }
  }
}
