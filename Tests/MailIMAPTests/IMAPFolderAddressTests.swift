import XCTest

@testable import MailIMAP

/// Reading `imap://` addresses and encoding folder names.
final class IMAPFolderAddressTests: XCTestCase {
  func testAddressGivesUserHostDefaultPortAndFolder() throws {
    let address = try IMAPFolderAddress(url: "imap://kenji%40corp.example@mail.corp.example/Sent%20Items")
    XCTAssertEqual(address.user, "kenji@corp.example")
    XCTAssertEqual(address.host, "mail.corp.example")
    XCTAssertEqual(address.port, 993)
    XCTAssertEqual(address.folder, "Sent Items")
    XCTAssertEqual(address.folderURL, "imap://kenji%40corp.example@mail.corp.example/Sent%20Items")
    XCTAssertEqual(try IMAPFolderAddress(url: "imap://u@h/Sent", startTLS: true).port, 143)
    XCTAssertEqual(try IMAPFolderAddress(url: "imap://u@127.0.0.1:1143/Sent").server, "127.0.0.1:1143")
  }

  func testAddressesWithoutUserFolderOrWithPasswordAreRefused() {
    for text in ["imap://host/Sent", "imap://u@host", "imap://u@host/", "imap://u:secret@host/Sent", "http://u@h/Sent",
      "imap://u@h:99999/Sent"]
    {
      XCTAssertThrowsError(try IMAPFolderAddress(url: text), text) { error in
        XCTAssertFalse((error as? IMAPError)?.errorDescription?.contains("secret") ?? true, text)
      }
    }
  }

  func testNoErrorShowsAPasswordEvenOfAnAddressItCannotRead() {
    // Found by Fuzz/Targets/imap.swift: a password was refused, but an address
    // refused for another reason first was shown whole.
    for text in ["imaps://u:secret@host/Sent", "imap://u:secret@host/Sent Items", "imat://u:secret@IN", "//u:secret@host/Sent", "//\u{65E}u:secret@host/Sent"] {
      XCTAssertThrowsError(try IMAPFolderAddress(url: text), text) { error in
        let description = (error as? IMAPError)?.errorDescription ?? ""
        XCTAssertFalse(description.contains("secret"), description)
      }
      XCTAssertThrowsError(try IMAPServerAddress(url: text), text) { error in
        XCTAssertFalse((error as? IMAPError)?.errorDescription?.contains("secret") ?? true, "\(error)")
      }
    }
  }

  func testFolderNamesAreModifiedUTF7() {
    XCTAssertEqual(ModifiedUTF7.encode("Sent"), "Sent")
    XCTAssertEqual(ModifiedUTF7.encode("A&B"), "A&-B")
    // RFC 3501 5.1.3's example and a Japanese Sent folder.
    XCTAssertEqual(ModifiedUTF7.encode("~peter/mail/台北/日本語"), "~peter/mail/&U,BTFw-/&ZeVnLIqe-")
    XCTAssertEqual(ModifiedUTF7.encode("送信済みメール"), "&kAFP4W4IMH8w4TD8MOs-")
  }
}
