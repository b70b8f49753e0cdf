import XCTest

@testable import MailAudit

/// The identifiability rule on real-shaped addresses and display names,
/// one row per case: Japanese and Western, role and personal mailboxes.
final class IdentifiabilityGuessTests: XCTestCase {
  typealias Case = (address: String, name: String?, personal: Bool, answer: IdentifiabilityGuess.Answer,
    reason: IdentifiabilityGuess.Reason)

  static let cases: [Case] = [
    // Japanese names in kanji and kana, at organisations.
    ("t.yamada@sakura-denki.co.jp", "山田 太郎", false, .yes, .personName),
    ("yamada@sakura-denki.co.jp", "山田太郎", false, .yes, .personName),
    ("h.suzuki@minato-foods.co.jp", "鈴木 花子 様", false, .yes, .personName),
    ("k-tanaka@kawasemi-bank.co.jp", "田中　健一", false, .yes, .personName),
    ("abe@inaho.co.jp", "阿部 亮", false, .yes, .personName),
    ("hattori@kaede.co.jp", "服部 真一", false, .yes, .personName),
    ("s.hasebe@kaede.co.jp", "長谷部 誠", false, .yes, .personName),
    ("yamamoto@hibari-books.jp", "やまもと ゆうな", false, .yes, .personName),
    ("sato@tsubame.co.jp", "サトウ ケンジ", false, .yes, .personName),
    ("y.ito@hikari.co.jp", "伊藤 陽菜（営業部）", false, .yes, .personName),
    // Western name orders, with the name in the local part.
    ("taro.yamada@acme.co.jp", "Yamada Taro", false, .yes, .nameInAddress),
    ("taro.yamada@acme.co.jp", "Taro Yamada", false, .yes, .nameInAddress),
    ("tyamada@globex.example", "Taro Yamada", false, .yes, .nameInAddress),
    ("yamada_t@globex.example", "YAMADA Taro", false, .yes, .nameInAddress),
    ("yamadat@initech.example", "Yamada, Taro", false, .yes, .nameInAddress),
    ("john.smith@umbrella.example", "John Smith", false, .yes, .nameInAddress),
    ("jsmith@umbrella.example", "Smith, John", false, .yes, .nameInAddress),
    ("mary-ann.oneill@wonka.example", "Mary-Ann O'Neill", false, .yes, .nameInAddress),
    ("anna.k@hooli.example", "Anna Kowalski", false, .yes, .nameInAddress),
    ("p.nair@in.example", "Priya Nair", false, .yes, .nameInAddress),
    ("jdoe@contoso.example", "Mr. John Doe", false, .yes, .nameInAddress),
    ("j.r.r.tolkien@oxford.example", "John Ronald Reuel Tolkien", false, .yes, .nameInAddress),
    // A person's name whose address does not show it.
    ("u1024@acme.co.jp", "Yamada Taro", false, .yes, .personName),
    ("emp-5521@globex.example", "Sarah Connor", false, .yes, .personName),
    ("a1@alpha.example", "佐々木 凛", false, .yes, .personName),
    // No display name: a local part built like a name.
    ("taro.yamada@acme.co.jp", nil, false, .yes, .nameLikeLocalPart),
    ("john_smith@umbrella.example", nil, false, .yes, .nameLikeLocalPart),
    ("j.smith@umbrella.example", nil, false, .yes, .nameLikeLocalPart),
    ("yamada-hanako@minato.co.jp", nil, false, .yes, .nameLikeLocalPart),
    // Role mailboxes at organisations.
    ("info@acme.co.jp", nil, false, .no, .roleMailbox),
    ("sales@globex.example", "Globex Sales", false, .no, .roleMailbox),
    ("support@initech.example", "Initech Support", false, .no, .roleMailbox),
    ("contact@wonka.example", nil, false, .no, .roleMailbox),
    ("admin@hooli.example", nil, false, .no, .roleMailbox),
    ("recruit@sakura-denki.co.jp", "採用担当", false, .no, .roleMailbox),
    ("saiyo@minato-foods.co.jp", nil, false, .no, .roleMailbox),
    ("jinji@kawasemi-bank.co.jp", "人事部", false, .no, .roleMailbox),
    ("soumu@tsubame.co.jp", "総務課", false, .no, .roleMailbox),
    ("noreply@hibari-books.jp", nil, false, .no, .roleMailbox),
    ("no-reply@hibari-books.jp", nil, false, .no, .roleMailbox),
    ("sales-jp@globex.example", nil, false, .no, .roleMailbox),
    ("recruit2025@kaede.co.jp", nil, false, .no, .roleMailbox),
    ("info.tokyo@acme.co.jp", nil, false, .no, .roleMailbox),
    ("toiawase@city.example.lg.jp", "お問い合わせ窓口", false, .no, .roleMailbox),
    ("press@umbrella.example", "Press Office", false, .no, .roleMailbox),
    // Role display names on addresses that are not role words.
    ("k-eigyo2@acme.co.jp", "営業部 大阪支店", false, .no, .roleName),
    ("ops7@globex.example", "Customer Service Team", false, .no, .roleName),
    ("tky01@minato-foods.co.jp", "株式会社みなと食品", false, .no, .roleName),
    ("m-office@kaede.co.jp", "採用担当", false, .no, .roleName),
    ("x9@hooli.example", "Hooli Inc.", false, .no, .roleName),
    ("jimu@assoc.example", "事務局", false, .no, .roleMailbox),
    ("kyoukai@assoc.example", "日本サンプル協会", false, .no, .roleName),
    // A person's name on a role mailbox: cannot tell.
    ("info@acme.co.jp", "Yamada Taro", false, .unsure, .roleMailboxWithPersonName),
    ("support@initech.example", "佐藤 健二", false, .unsure, .roleMailboxWithPersonName),
    // Personal-mail providers: individuals, whatever the name.
    ("nakamura.aoi.sample@gmail.com", nil, true, .yes, .personalProvider),
    ("sakura123@docomo.ne.jp", nil, true, .yes, .personalProvider),
    ("k.kato@yahoo.co.jp", "加藤 恵", true, .yes, .personalProvider),
    ("info.shop@gmail.com", "Shop Info", true, .yes, .personalProvider),
    ("happy-mama@ezweb.ne.jp", nil, true, .yes, .personalProvider),
    ("tom@icloud.com", "Tom", true, .yes, .personalProvider),
    // Nothing tells.
    ("tanaka@acme.co.jp", nil, false, .unsure, .noEvidence),
    ("x7@globex.example", nil, false, .unsure, .noEvidence),
    ("b1@beta.example", "B1", false, .unsure, .noEvidence),
    ("taro@acme.co.jp", "Taro", false, .unsure, .noEvidence),
    ("k.y.2023@minato.co.jp", nil, false, .unsure, .noEvidence),
    ("yamada@acme.co.jp", "yamada", false, .unsure, .noEvidence),
  ]

  func testEveryCaseGetsItsAnswerAndReason() {
    XCTAssertGreaterThanOrEqual(Self.cases.count, 60)
    for c in Self.cases {
      let guess = IdentifiabilityGuess(address: c.address, displayName: c.name, personal: c.personal)
      XCTAssertEqual(
        guess, IdentifiabilityGuess(answer: c.answer, reason: c.reason),
        "\(c.name.map { "\($0) " } ?? "")<\(c.address)>")
    }
  }

  func testJapaneseRoleWordsAreFoundInAnySpellingAndNeverInAnASCIIName() {
    // isRoleName skips the Japanese words for an ASCII name: sound only
    // while every one of them holds a character beyond ASCII.
    for word in RoleWords.japaneseMarks + RoleWords.japaneseUnitStems + RoleWords.japaneseEndings {
      XCTAssertTrue(word.unicodeScalars.contains { !$0.isASCII }, word)
    }
    // Marks and stems anywhere, endings at a word's end, in composed or
    // decomposed kana (ポ as ホ and a combining handakuten).
    XCTAssertTrue(RoleWords.isRoleName("株式会社サンプル"))
    XCTAssertTrue(RoleWords.isRoleName("サンプル(株) 御中"))
    XCTAssertTrue(RoleWords.isRoleName("サホ\u{309A}ートデスク"))
    XCTAssertTrue(RoleWords.isRoleName("Acme 営業部"))
    XCTAssertTrue(RoleWords.isRoleName("大阪 採用担当"))
    XCTAssertTrue(RoleWords.isRoleName("Customer Support"))
    XCTAssertFalse(RoleWords.isRoleName("長谷部 誠"))
    XCTAssertFalse(RoleWords.isRoleName("佐藤 花子"))
    XCTAssertFalse(RoleWords.isRoleName("Taro Yamada"))
  }

  /// The cleaning and role checks call Foundation only when the text holds
  /// what it would change (``ScalarSet``): on names that hold it and names
  /// that do not, they answer as Foundation called every time did.
  func testNamesAreCleanedAsFoundationCleansThemEveryTime() {
    // The cleaning as it was, every step through Foundation.
    func foundationCleaned(_ text: String) -> String {
      var t = text.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\"'")))
      for suffix in ["様", "さま", "殿", "さん", "先生"] where t.hasSuffix(suffix) {
        t = String(t.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
      }
      for prefix in ["Mr. ", "Mrs. ", "Ms. ", "Dr. ", "Prof. ", "Mr ", "Ms ", "Mrs ", "Dr "] where t.hasPrefix(prefix) {
        t = String(t.dropFirst(prefix.count))
      }
      if let open = t.firstIndex(where: { $0 == "(" || $0 == "（" }), open != t.startIndex {
        t = String(t[..<open])
      }
      return t.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\u{3000}", with: " ")
    }
    let names = [
      "", " ", "\t", "\u{3000}", "Taro Yamada", " 山田太郎 様 ", "山田太郎様", "山田 太郎 さま", "\"Yamada, Taro\"",
      "'Anna Adams'", "Mr. John Smith", "Prof. Ada Lovelace", "Dr Who", "山田太郎（営業部）", "Yamada Taro (Acme)",
      "(Acme) Sales", "\u{3000}山田\u{3000}太郎\u{3000}", "O'Neill, Mary-Ann", "\u{2003}Name\u{2003}", "Name\u{85}",
      "\u{A0}Nbsp\u{A0}", "Ｍｒ． 山田", "x\u{301}(y)", "(\u{301}Acme", "先生", " 殿 ", "Yamada\u{2028}", "\u{FEFF}BOM",
      "山田太郎 様 様", "\"'\"", "Ada (\u{FF08}) Byron", "Ümit Öz", "Ｙａｍａｄａ　Ｔａｒｏ",
    ]
    for name in names {
      XCTAssertEqual(PersonName.cleaned(name), foundationCleaned(name), "\(name.unicodeScalars.map { $0.value })")
    }
    // Trimming: every ASCII character and some beyond at either end.
    let sets: [(ScalarSet, CharacterSet)] = [
      (.spaceAndQuotes, .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\"'"))), (.spaces, .whitespaces),
      (.periodAndComma, CharacterSet(charactersIn: ".,")),
    ]
    let ends = (0..<128).map { String(Unicode.Scalar(UInt8($0))) } + ["\u{85}", "\u{A0}", "\u{2003}", "\u{3000}", "é", "山"]
    for (fast, set) in sets {
      for end in ends {
        for text in [end + "a b" + end, end + "x", "x" + end, end] {
          XCTAssertEqual(fast.trimming(text), text.trimmingCharacters(in: set), "\(text.unicodeScalars.map { $0.value })")
        }
      }
    }
    for scalar in (0..<0x3100).compactMap(Unicode.Scalar.init) {
      XCTAssertEqual(ScalarSet.letters.contains(scalar), CharacterSet.letters.contains(scalar))
      XCTAssertEqual(ScalarSet.uppercaseLetters.contains(scalar), CharacterSet.uppercaseLetters.contains(scalar))
    }
  }

  func testRoleLocalPartsAreTheFirstWordsAsEveryWordWasOnceSplit() {
    // The rule as first written: every word split out, the first a role
    // word or all of them.
    func splitAll(_ local: String) -> Bool {
      let l = local.lowercased()
      if RoleWords.localParts.contains(l) { return true }
      let words = l.split(whereSeparator: { !$0.isLetter }).map(String.init)
      guard let first = words.first else { return false }
      return RoleWords.localParts.contains(first)
        || (words.count > 1 && words.allSatisfy { RoleWords.localParts.contains($0) })
    }
    let locals = [
      "info", "INFO", "sales-jp", "recruit2025", "saiyo_tokyo", "no-reply", "noreply", "t.yamada", "yamada",
      "_info", "--", "", "2025", "2025sales", "info.sales", "sales.info", "tanaka.info", "all-members",
      "mail2", "Ｉｎｆｏ", "info\u{301}", "ïnfo", "jinji.ka", "hr", "h.r", "\"info\"", "info+tag", "news_letter",
      "株式会社", "info株", "x", "otoiawase-1",
    ]
    for local in locals {
      XCTAssertEqual(RoleWords.isRoleLocalPart(local), splitAll(local), local)
    }
    XCTAssertTrue(RoleWords.isRoleLocalPart("sales-jp"))
    XCTAssertTrue(RoleWords.isRoleLocalPart("_info"))
    XCTAssertFalse(RoleWords.isRoleLocalPart("tanaka.info"))
    XCTAssertFalse(RoleWords.isRoleLocalPart("2025"))
  }

  func testCountsSplitTheAddressesWithoutLoweringThem() {
    var counts = IdentifiabilityCounts()
    for c in Self.cases { counts.add(IdentifiabilityGuess(answer: c.answer, reason: c.reason)) }
    XCTAssertEqual(counts.addresses, Self.cases.count)
    XCTAssertEqual(counts.identifying + counts.unsure + counts.notIdentifying, counts.addresses)
  }

  /// The sample mailbox: what the summary says of its 466 exposed
  /// addresses, and that the number of people stays 466.
  func testTheSampleCounts() throws {
    let (index, _) = try auditedIndex(PackagePaths.sample)
    let report = try index.report()
    var counts = IdentifiabilityCounts()
    var reasons: [IdentifiabilityGuess.Reason: Int] = [:]
    for a in report.exposedAddresses {
      counts.add(IdentifiabilityGuess(answer: a.identifiesPerson, reason: a.identifiabilityReason))
      reasons[a.identifiabilityReason, default: 0] += 1
    }
    XCTAssertEqual(report.totals.exposedAddresses, 466)
    XCTAssertEqual(counts.addresses, 466)
    XCTAssertEqual([counts.identifying, counts.unsure, counts.notIdentifying], [465, 1, 0], "\(reasons)")
    // The 92 private individuals the summary counts are all "yes"; the one
    // "unsure" is an organisation address with neither name nor name-like
    // local part.
    XCTAssertEqual(
      reasons,
      [.personalProvider: 92, .nameInAddress: 187, .nameLikeLocalPart: 181, .personName: 5, .noEvidence: 1])
    XCTAssertEqual(report.totals.personalAddresses, reasons[.personalProvider])
  }

  /// The byte-wise shortcuts for printable ASCII answer as the character-wise
  /// work they stand for, on every printable ASCII character and on random
  /// text; text with anything else (CR LF is one character) takes the long way.
  func testPrintableASCIIShortcutsAnswerAsCharacterWiseWork() {
    var generator = SystemRandomNumberGenerator()
    let alphabet = (0x20..<0x7F).map { Character(Unicode.Scalar(UInt8($0))) }
    var texts = alphabet.map { String($0) } + ["", "Taro.YAMADA-2025", "info@acme.co.jp", "a b,c", "ZZ..zz__9"]
    for _ in 0..<2000 {
      let length = Int.random(in: 0...24, using: &generator)
      texts.append(String((0..<length).map { _ in alphabet.randomElement(using: &generator)! }))
    }
    var checked = 0
    for text in texts {
      XCTAssertTrue(PrintableASCII.holds(text), text)
      XCTAssertEqual(PrintableASCII.lowercased(text), text.lowercased(), text)
      let runs = text.split(whereSeparator: { !$0.isLetter }).map(String.init)
      XCTAssertEqual(PrintableASCII.letterRuns(text), runs, text)
      for byte in text.utf8 {
        XCTAssertEqual(PrintableASCII.isLetter(byte), Character(Unicode.Scalar(byte)).isLetter, "\(byte)")
      }
      checked += 1
    }
    XCTAssertEqual(checked, texts.count)
    for text in ["a\r\nb", "tab\there", "Ümit", "山田", "x\u{7F}", "caf\u{65}\u{301}"] {
      XCTAssertFalse(PrintableASCII.holds(text), text)
      XCTAssertEqual(PrintableASCII.lowercased(text), text.lowercased(), text)
    }
  }
}
