import Foundation
import GRDB
import NIOCore
import NIOPosix
import XCTest

@testable import MailAudit
@testable import MailIMAP

/// A scripted IMAP server on loopback (plain text, which only tests can
/// ask for): four messages, a given UIDVALIDITY, and optionally a drop in
/// the middle of the second `UID FETCH`.
final class IMAPScriptedServerTests: XCTestCase {
  /// The folder's UIDVALIDITY, which a test changes between scans.
  final class FolderState: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Int
    init(uidValidity: Int) { value = uidValidity }
    var uidValidity: Int {
      get { lock.withLock { value } }
      set { lock.withLock { value = newValue } }
    }
  }

  /// Answers one command line at a time from a script.
  final class ScriptedServer: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer
    private var pending: [UInt8] = []
    private var fetches = 0
    let folder: FolderState
    let drops: Bool
    var uidValidity: Int { folder.uidValidity }

    init(folder: FolderState, drops: Bool) {
      self.folder = folder
      self.drops = drops
    }

    func channelActive(context: ChannelHandlerContext) {
      send("* OK scripted server ready\r\n", context)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
      var buffer = unwrapInboundIn(data)
      pending += buffer.readBytes(length: buffer.readableBytes) ?? []
      while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
        let line = String(decoding: pending[..<newline], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        pending.removeSubrange(...newline)
        answer(line, context)
      }
    }

    static func header(_ n: Int) -> String {
      "From: me@corp.example\r\nTo: a\(n)@one.example, b\(n)@two.example\r\nMessage-ID: <m\(n)@corp.example>\r\n\r\n"
    }

    func answer(_ line: String, _ context: ChannelHandlerContext) {
      let words = line.split(separator: " ").map(String.init)
      guard let tag = words.first else { return }
      let command = words.dropFirst().prefix(2).joined(separator: " ").uppercased()
      switch command {
      case _ where command.hasPrefix("LOGIN"): send("\(tag) OK logged in\r\n", context)
      case _ where command.hasPrefix("EXAMINE"):
        send("* 4 EXISTS\r\n* OK [UIDVALIDITY \(uidValidity)] ok\r\n\(tag) OK [READ-ONLY] done\r\n", context)
      case "UID SEARCH":
        // `UID SEARCH UID n:*`: the UIDs from n, and always the highest one.
        let from = words.dropFirst(3).first?.split(separator: ":").first.flatMap { Int($0) } ?? 1
        let found = (1...4).filter { $0 >= from } + (from > 4 ? [4] : [])
        send("* SEARCH \(found.map(String.init).joined(separator: " "))\r\n\(tag) OK done\r\n", context)
      case "UID FETCH":
        fetches += 1
        if fetches == 1 || !drops {
          let set = words.dropFirst(3).first ?? ""
          let uids = set.split(separator: ",").flatMap { part -> [Int] in
            let ends = part.split(separator: ":").compactMap { Int($0) }
            guard let low = ends.first, let high = ends.last, low <= high else { return [] }
            return Array(low...high)
          }
          var text = ""
          for n in uids {
            let header = Self.header(n)
            text += "* \(n) FETCH (UID \(n) RFC822.SIZE 100 BODY[HEADER.FIELDS (FROM TO)] {\(header.utf8.count)}\r\n\(header))\r\n"
          }
          send(text + "\(tag) OK done\r\n", context)
        } else {
          let header = Self.header(3)
          send("* 3 FETCH (UID 3 BODY[HEADER.FIELDS (FROM TO)] {\(header.utf8.count)}\r\nFrom: me", context)
          context.close(promise: nil)
        }
      case _ where command.hasPrefix("LOGOUT"): send("* BYE\r\n\(tag) OK bye\r\n", context)
      default: send("\(tag) BAD unknown\r\n", context)
      }
    }

    func send(_ text: String, _ context: ChannelHandlerContext) {
      context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text)), promise: nil)
    }
  }

  /// Starts a scripted server and returns its port; it stops at the end of the test.
  func startServer(folder: FolderState = FolderState(uidValidity: 7), drops: Bool) throws -> Int {
    let server = try ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .childChannelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
          try channel.pipeline.syncOperations.addHandler(ScriptedServer(folder: folder, drops: drops))
        }
      }
      .bind(host: "127.0.0.1", port: 0).wait()
    addTeardownBlock { try? server.close().wait() }
    return try XCTUnwrap(server.localAddress?.port)
  }

  func settings(chunk: Int = 2) -> IMAPScanSettings {
    var options = IMAPConnectionOptions(timeoutSeconds: 10)
    options.plaintextForTesting = true
    return IMAPScanSettings(connection: options, password: { _ in "secret" }, fetchChunkSize: chunk)
  }

  func testDropMidFetchKeepsTheCommittedChunkAndSaysDropped() throws {
    let port = try startServer(drops: true)
    let index = try AuditIndex()
    let auditor = Auditor(index: index, policy: ExposurePolicy(), catalog: try testCatalog())
    let url = "imap://me@127.0.0.1:\(port)/Sent"

    XCTAssertThrowsError(try auditor.scan(paths: [url], imap: settings())) { error in
      guard case .connectionDropped(_, let during) = error as? IMAPError else { return XCTFail("\(error)") }
      XCTAssertEqual(during, "UID FETCH")
      XCTAssertTrue(((error as? IMAPError)?.errorDescription ?? "").contains("what was indexed before is kept"))
    }
    let keys = try index.writer.read { db in try String.fetchAll(db, sql: "SELECT key FROM message ORDER BY key") }
    XCTAssertEqual(keys, ["m1@corp.example", "m2@corp.example"])
    let highest = try index.imapHighestUID(account: "me@127.0.0.1:\(port)", folder: "Sent", uidValidity: 7)
    XCTAssertEqual(highest, 2)
  }

  func testNewUIDValidityRereadsTheFolderAndMarksOldLocationsGone() throws {
    let index = try AuditIndex()
    let auditor = Auditor(index: index, policy: ExposurePolicy(), catalog: try testCatalog())
    let folder = FolderState(uidValidity: 7)
    let port = try startServer(folder: folder, drops: false)
    let url = "imap://me@127.0.0.1:\(port)/Sent"
    let (read, _) = try auditor.scan(paths: [url], imap: settings())
    XCTAssertEqual(read.counts.messagesSeen, 4)
    let (again, _) = try auditor.scan(paths: [url], imap: settings())
    XCTAssertEqual(again.counts.messagesSeen, 0, "UID 4 is returned by 5:* but is not new")

    folder.uidValidity = 8  // the server renumbered the folder
    let (reread, _) = try auditor.scan(paths: [url], imap: settings())
    XCTAssertEqual(reread.counts.messagesSeen, 4)
    XCTAssertEqual(reread.counts.newMessages, 0, "the messages are known by Message-ID")
    XCTAssertEqual(try index.imapHighestUID(account: "me@127.0.0.1:\(port)", folder: "Sent", uidValidity: 8), 4)
    let gone = try index.writer.read { db in
      try String.fetchAll(db, sql: "SELECT file FROM location WHERE goneInRun IS NOT NULL ORDER BY file")
    }
    XCTAssertEqual(gone, (1...4).map { "\(url);UIDVALIDITY=7/;UID=\($0)" })
  }
}
