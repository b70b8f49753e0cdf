import Foundation
import XCTest

@testable import MailIMAP

/// The OAuth 2.0 sign-in's pieces: the SASL messages, the token that never
/// prints, reading refusals, `;AUTH=` in addresses and CAPABILITY.
final class SASLMechanismTests: XCTestCase {
  /// A JWT whose payload is `claims`; the signature is not checked here.
  static func jwt(_ claims: String) -> String {
    func part(_ text: String) -> String {
      Data(text.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
        .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
    return part(#"{"alg":"HS256"}"#) + "." + part(claims) + ".c2lnbmF0dXJl"
  }

  func testXOAUTH2InitialResponseIsUserAndBearer() throws {
    let token = try XCTUnwrap(OAuthToken("ya29.abc"))
    let bytes = SASLMechanism.xoauth2.initialResponse(user: "kenji@corp.example", token: token, host: "h", port: 993)
    XCTAssertEqual(String(decoding: bytes, as: UTF8.self), "user=kenji@corp.example\u{1}auth=Bearer ya29.abc\u{1}\u{1}")
    XCTAssertEqual(SASLMechanism.xoauth2.answerToError, [])
  }

  func testOAUTHBEARERInitialResponseHasTheGS2HeaderHostAndPort() throws {
    let token = try XCTUnwrap(OAuthToken("t0k"))
    let bytes = SASLMechanism.oauthBearer.initialResponse(user: "a,b=c", token: token, host: "imap.example", port: 143)
    // RFC 7628 3.1 and RFC 5801's saslname escaping of , and =.
    XCTAssertEqual(
      String(decoding: bytes, as: UTF8.self),
      "n,a=a=2Cb=3Dc,\u{1}host=imap.example\u{1}port=143\u{1}auth=Bearer t0k\u{1}\u{1}")
    XCTAssertEqual(SASLMechanism.oauthBearer.answerToError, [0x01])
  }

  func testTokenNeverPrintsAndRefusesWhatCannotBeAToken() throws {
    let token = try XCTUnwrap(OAuthToken("secret-token-123"))
    for text in ["\(token)", String(reflecting: token), "\(IMAPCredential.token(token, .xoauth2))"] {
      XCTAssertFalse(text.contains("secret-token-123"), text)
    }
    XCTAssertNil(OAuthToken(""))
    XCTAssertNil(OAuthToken("two words"))
    XCTAssertNil(OAuthToken("a\u{1}b"))
    XCTAssertNil(OAuthToken("tök"))
  }

  func testExpiryIsReadFromAJWTAndRefusalsSayWhy() throws {
    let past = try XCTUnwrap(OAuthToken(Self.jwt(#"{"sub":"u","exp":1000000000}"#)))
    XCTAssertEqual(past.expiry, Date(timeIntervalSince1970: 1_000_000_000))
    let opaque = try XCTUnwrap(OAuthToken("ya29.opaque"))
    XCTAssertNil(opaque.expiry)
    XCTAssertEqual(OAuthRefusal.reading(status: "invalid_token", token: past), .expired(past.expiry ?? Date()))
    XCTAssertEqual(OAuthRefusal.reading(status: "401", token: opaque), .invalidToken)
    XCTAssertEqual(OAuthRefusal.reading(status: "insufficient_scope", token: past), .insufficientScope)
    XCTAssertEqual(OAuthRefusal.reading(status: "403", token: opaque), .insufficientScope)
    XCTAssertEqual(OAuthRefusal.reading(status: "400", token: opaque), .invalidRequest)
    XCTAssertEqual(OAuthRefusal.reading(status: nil, token: opaque), .unexplained)

    let error = IMAPError.tokenRefused(
      server: "imap.example:993", user: "kenji", mechanism: .xoauth2, reason: .expired(Date(timeIntervalSince1970: 0)),
      scope: "https://mail.google.com/", serverText: "[AUTHENTICATIONFAILED] Authentication failed.")
    XCTAssertEqual(
      error.errorDescription,
      "the IMAP server imap.example:993 refused the OAuth token for kenji (XOAUTH2): the token expired at 1970-01-01 00:00:00 UTC; get a new one (the server wants scope 'https://mail.google.com/'). Server: [AUTHENTICATIONFAILED] Authentication failed."
    )
  }

  func testErrorChallengeIsBase64JSON() {
    let json = Data(#"{"status":"401","schemes":"bearer","scope":"mail"}"#.utf8).base64EncodedString()
    let challenge = IMAPConnection.errorChallenge(Array("+ \(json)".utf8))
    XCTAssertEqual(challenge?["status"] as? String, "401")
    XCTAssertEqual(challenge?["scope"] as? String, "mail")
    XCTAssertNil(IMAPConnection.errorChallenge(Array("+ ".utf8)))
  }

  func testAuthInTheAddressChoosesTheMechanismButNotTheFolderIdentity() throws {
    let plain = try IMAPFolderAddress(url: "imap://kenji%40corp.example@outlook.office365.com/Sent%20Items")
    let oauth = try IMAPFolderAddress(url: "imap://kenji%40corp.example;AUTH=XOAUTH2@outlook.office365.com/Sent%20Items")
    XCTAssertNil(plain.authMethod)
    XCTAssertEqual(oauth.authMethod, .xoauth2)
    XCTAssertEqual(oauth.user, "kenji@corp.example")
    XCTAssertEqual(oauth.folderURL, plain.folderURL)
    XCTAssertEqual(oauth.account, plain.account)
    XCTAssertEqual(oauth.folder, plain.folder)
    XCTAssertEqual(try IMAPFolderAddress(url: "imap://u;auth=oauthbearer@h:1143/Sent").authMethod, .oauthbearer)
    XCTAssertEqual(try IMAPFolderAddress(url: "imap://u;auth=oauthbearer@h:1143/Sent").folderURL, "imap://u@h:1143/Sent")
    XCTAssertNil(try IMAPFolderAddress(url: "imap://u;AUTH=*@h/Sent").authMethod)
    XCTAssertThrowsError(try IMAPFolderAddress(url: "imap://u;AUTH=GSSAPI@h/Sent"))
    XCTAssertThrowsError(try IMAPFolderAddress(url: "imap://;AUTH=XOAUTH2@h/Sent"))
  }

  func testCapabilitiesFromTheGreetingAndTheCommand() {
    XCTAssertEqual(
      IMAPUntagged.capabilities(Array("OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN auth=xoauth2] Dovecot ready.".utf8)),
      ["IMAP4REV1", "SASL-IR", "AUTH=PLAIN", "AUTH=XOAUTH2"])
    XCTAssertEqual(IMAPUntagged.capabilities(Array("CAPABILITY IMAP4rev1 AUTH=OAUTHBEARER".utf8)), ["IMAP4REV1", "AUTH=OAUTHBEARER"])
    XCTAssertNil(IMAPUntagged.capabilities(Array("OK Dovecot ready.".utf8)))
  }
}
