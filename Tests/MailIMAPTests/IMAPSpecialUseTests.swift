import XCTest

@testable import MailIMAP

/// Finding a user's Sent folder from `LIST` answers, without a server.
final class IMAPSpecialUseTests: XCTestCase {
  func listed(_ line: String) -> IMAPListedFolder? {
    IMAPUntagged.listed(Array(line.utf8))
  }

  func testListResponsesGiveNameDelimiterAndAttributes() throws {
    XCTAssertEqual(
      listed(#"LIST (\HasNoChildren \Sent) "/" "Sent Items""#),
      IMAPListedFolder(name: "Sent Items", delimiter: "/", attributes: [#"\HasNoChildren"#, #"\Sent"#]))
    // Dovecot sends a modified UTF-7 name as an atom.
    XCTAssertEqual(listed(#"LIST (\Sent) "/" &kAFP4W4IMH8wojCkMMYw4A-"#)?.name, "送信済みアイテム")
    XCTAssertEqual(listed(#"LIST () NIL INBOX"#), IMAPListedFolder(name: "INBOX", delimiter: nil, attributes: []))
    XCTAssertEqual(listed("LIST () \".\" {10}\r\nINBOX.Sent")?.name, "INBOX.Sent")
    // RFC 5258 extended data after the name is ignored.
    XCTAssertEqual(listed(#"LIST (\Sent) "/" Sent ("CHILDINFO" ("SUBSCRIBED"))"#)?.name, "Sent")
    XCTAssertNil(listed(#"LSUB () "/" Sent"#))
    XCTAssertNil(listed(#"LIST (\Sent "/" Sent"#))
  }

  func testModifiedUTF7RoundTripsAndRefusesBrokenNames() {
    for name in ["送信済みアイテム", "Gesendete Objekte", "Tom & Jerry", "Éléments envoyés", "📨 Sent"] {
      XCTAssertEqual(ModifiedUTF7.decode(ModifiedUTF7.encode(name)), name)
    }
    XCTAssertEqual(ModifiedUTF7.decode("&-"), "&")
    XCTAssertNil(ModifiedUTF7.decode("&kAFP4W4IMH8wojCkMMYw4A"))  // no closing `-`
    XCTAssertNil(ModifiedUTF7.decode("&2D0-"))  // an unpaired surrogate
  }

  func folder(_ name: String, _ attributes: [String] = [], delimiter: Character? = "/") -> IMAPListedFolder {
    IMAPListedFolder(name: name, delimiter: delimiter, attributes: attributes)
  }

  func testTheFolderMarkedSentWinsOverKnownNames() {
    let chosen = IMAPSentFolder.choose(from: [folder("INBOX"), folder("Sent"), folder("送信済みアイテム", [#"\Sent"#])])
    XCTAssertEqual(chosen, IMAPSentFolder(folder: folder("送信済みアイテム", [#"\Sent"#]), reason: .specialUse))
    // Marked in any case; several marked: the one with a known name.
    let several = IMAPSentFolder.choose(from: [folder("Archive", [#"\sent"#]), folder("Sent Items", [#"\SENT"#])])
    XCTAssertEqual(several?.folder.name, "Sent Items")
  }

  func testWithoutAMarkAKnownNameIsChosenInAnyCaseAndWithAnyDelimiter() {
    XCTAssertEqual(
      IMAPSentFolder.choose(from: [folder("INBOX"), folder("sent items")]),
      IMAPSentFolder(folder: folder("sent items"), reason: .knownName))
    XCTAssertEqual(
      IMAPSentFolder.choose(from: [folder("INBOX", delimiter: "."), folder("INBOX.Sent", delimiter: ".")])?.folder.name,
      "INBOX.Sent")
    XCTAssertEqual(IMAPSentFolder.choose(from: [folder("[Gmail]/Sent Mail")])?.folder.name, "[Gmail]/Sent Mail")
  }

  func testNoSentFolderAndUnopenableFoldersGiveNothing() {
    XCTAssertNil(IMAPSentFolder.choose(from: [folder("INBOX"), folder("Drafts", [#"\Drafts"#])]))
    XCTAssertNil(IMAPSentFolder.choose(from: [folder("Sent", [#"\Noselect"#, #"\Sent"#])]))
  }

  func testAUsersAddressOnAServerHasTheIdentityOfTheWrittenURL() throws {
    let server = try IMAPServerAddress(url: "imap://mail.example.com:1993")
    let address = try IMAPFolderAddress(user: "hanako", server: server, folder: "送信済みアイテム")
    let written = try IMAPFolderAddress(
      url: "imap://hanako@mail.example.com:1993/%E9%80%81%E4%BF%A1%E6%B8%88%E3%81%BF%E3%82%A2%E3%82%A4%E3%83%86%E3%83%A0")
    XCTAssertEqual(address, written)
    XCTAssertEqual(address.folder, "送信済みアイテム")
    XCTAssertEqual(address.port, 1993)
    let moved = try address.with(folder: "Sent Items")
    XCTAssertEqual(moved.folderURL, "imap://hanako@mail.example.com:1993/Sent%20Items")
    XCTAssertEqual(moved.folderURL, try IMAPFolderAddress(url: "imap://hanako@mail.example.com:1993/Sent%20Items").folderURL)
    XCTAssertEqual(try IMAPFolderAddress(user: "a@corp.example", server: server, folder: "Sent").user, "a@corp.example")
  }

  func testAFolderNameStartingWithASlashKeepsIt() throws {
    // Found by Fuzz/Targets/imap.swift: the URL built for "/x" read back as "x".
    let server = try IMAPServerAddress(url: "imap://mail.example.com")
    let address = try IMAPFolderAddress(user: "u", server: server, folder: "/x")
    XCTAssertEqual(address.folder, "/x")
    XCTAssertEqual(try IMAPFolderAddress(url: address.folderURL).folder, "/x")
    XCTAssertEqual(try address.with(folder: "//y").folderURL, "imap://u@mail.example.com/%2F%2Fy")
    XCTAssertEqual(try IMAPFolderAddress(url: "imap://u@mail.example.com//Sent").folder, "Sent")
  }

  func testAServerAddressNamesNoUser() throws {
    XCTAssertNil(try IMAPServerAddress(url: "imap://mail.example.com").folder)
    XCTAssertEqual(try IMAPServerAddress(url: "imap://mail.example.com/Sent").folder, "Sent")
    XCTAssertThrowsError(try IMAPServerAddress(url: "imap://admin@mail.example.com"))
    // Found by Fuzz/Targets/imap.swift: the error repeated the address, password and all.
    XCTAssertThrowsError(try IMAPServerAddress(url: "imap://u:secret@host/Sent")) { error in
      let description = (error as? IMAPError)?.errorDescription ?? ""
      XCTAssertFalse(description.contains("secret"), description)
      XCTAssertTrue(description.contains("imap://u@host/Sent"), description)
    }
    XCTAssertThrowsError(try IMAPServerAddress(url: "imap://mail.example.com:0"))
    XCTAssertThrowsError(try IMAPServerAddress(url: "/var/mail/x"))
  }
}
