import CShims
import Foundation

/// Whether an exposed address lets a reader identify a particular person,
/// and why: what the PPC report's 本人の数 and public notices ("115
/// addresses, of which 75 identify an individual") need. A guess from the
/// address and its display name only; it never lowers the number of people
/// exposed, it only describes them.
///
/// The rule, in order:
/// 1. A role local part (`info`, `sales`, `support`, `saiyo`, `noreply`...)
///    or a role display name (`採用担当`, `Sales Team`, `株式会社…`) at an
///    organisation: **no**, unless the display name is a person's name
///    (then **unsure**: a person's name on a shared mailbox).
/// 2. An address at a personal-mail provider: **yes** (a private individual).
/// 3. A display name that is a person's name (kanji or kana names,
///    `Family Given`, `Given Family`, `Family, Given`): **yes**, and the
///    reason says when the local part is built from it (`taro.yamada`,
///    `tyamada`, `yamada_t`).
/// 4. No usable display name, a local part of two name-like words
///    (`taro.yamada`): **yes**.
/// 5. Anything else: **unsure**.
public struct IdentifiabilityGuess: Sendable, Equatable, Codable {
  /// The answer.
  public enum Answer: String, Sendable, Codable, CaseIterable {
    case yes, no, unsure
  }

  /// Why: one reason per rule, worded by the message catalogue
  /// (`identifiability.<reason>`).
  public enum Reason: String, Sendable, Codable, CaseIterable {
    case roleMailbox = "role-mailbox"
    case roleName = "role-name"
    case roleMailboxWithPersonName = "role-mailbox-with-person-name"
    case personalProvider = "personal-provider"
    case nameInAddress = "name-in-address"
    case personName = "person-name"
    case nameLikeLocalPart = "name-like-local-part"
    case noEvidence = "no-evidence"
  }

  public var answer: Answer
  public var reason: Reason

  public init(answer: Answer, reason: Reason) {
    self.answer = answer
    self.reason = reason
  }

  /// The guess for `address` (normalised), shown as `displayName`, at a
  /// personal-mail provider or not.
  public init(address: String, displayName: String?, personal: Bool) {
    // The provider decides alone: nothing else is read.
    if personal {
      self.init(answer: .yes, reason: .personalProvider)
      return
    }
    let at =
      PrintableASCII.holds(address) ? address.utf8.firstIndex(of: UInt8(ascii: "@")) : address.firstIndex(of: "@")
    let local = at.map { String(address[..<$0]) } ?? address
    let name = displayName.map(PersonName.cleaned).flatMap { $0.isEmpty ? nil : $0 }
    let person = name.flatMap(PersonName.init(display:))
    let roleLocal = RoleWords.isRoleLocalPart(local)
    let roleName = name.map(RoleWords.isRoleName) ?? false
    if roleLocal || roleName {
      if person != nil, !roleName {
        self.init(answer: .unsure, reason: .roleMailboxWithPersonName)
      } else {
        self.init(answer: .no, reason: roleLocal ? .roleMailbox : .roleName)
      }
    } else if let person {
      self.init(answer: .yes, reason: person.isBuilt(into: local) ? .nameInAddress : .personName)
    } else if PersonName.isNameLike(localPart: local) {
      self.init(answer: .yes, reason: .nameLikeLocalPart)
    } else {
      self.init(answer: .unsure, reason: .noEvidence)
    }
  }
}

/// How many of a set of addresses identify a person: the figures of
/// "N addresses, of which M identify an individual (K unsure)".
public struct IdentifiabilityCounts: Sendable, Equatable, Codable {
  public var addresses = 0
  public var identifying = 0
  public var unsure = 0
  public var notIdentifying = 0

  public init() {}

  public mutating func add(_ guess: IdentifiabilityGuess) {
    addresses += 1
    switch guess.answer {
    case .yes: identifying += 1
    case .no: notIdentifying += 1
    case .unsure: unsure += 1
    }
  }
}

/// A display name read as a person's name, with the Latin words it has.
struct PersonName {
  /// Lower-case Latin words of the name (empty for a kanji or kana name).
  var words: [String]

  /// Honorifics and quotes a sender adds around a name: `山田太郎 様`,
  /// `"Yamada, Taro"`, `Mr. John Smith`.
  static func cleaned(_ text: String) -> String {
    var t = ScalarSet.spaceAndQuotes.trimming(text)
    if !t.utf8.allSatisfy({ $0 < 0x80 }) {
      for suffix in ["様", "さま", "殿", "さん", "先生"] where t.hasSuffix(suffix) {
        t = ScalarSet.spaces.trimming(String(t.dropLast(suffix.count)))
      }
    }
    for prefix in ["Mr. ", "Mrs. ", "Ms. ", "Dr. ", "Prof. ", "Mr ", "Ms ", "Mrs ", "Dr "] where t.hasPrefix(prefix) {
      t = String(t.dropFirst(prefix.count))
    }
    // A parenthesised company after a name: `Yamada Taro (Acme)`, `山田太郎（営業部）`.
    if t.utf8.contains(0x28) || t.utf8.contains(0xEF),
      let open = t.firstIndex(where: { $0 == "(" || $0 == "（" }), open != t.startIndex
    {
      t = String(t[..<open])
    }
    t = ScalarSet.spaces.trimming(t)
    return t.utf8.contains(0xE3) ? t.replacingOccurrences(of: "\u{3000}", with: " ") : t
  }

  /// nil unless `display` reads as a person's name.
  init?(display: String) {
    // Printable ASCII holds no kanji or kana: its scalars need no look.
    let ascii = PrintableASCII.holds(display)
    if !ascii {
      let scalars = display.unicodeScalars.filter { $0 != " " }
      if !scalars.isEmpty, scalars.allSatisfy(Self.isKanjiOrKana) {
        // 山田太郎, 山田 太郎, やまだ たろう: two to eight characters.
        guard (2...8).contains(scalars.count), !RoleWords.isRoleName(display) else { return nil }
        words = []
        return
      }
    }
    let spaced = display.utf8.contains(0x2C) ? display.replacingOccurrences(of: ",", with: " , ") : display
    let parts = spaced.split(separator: " ").map(String.init)
    let words = parts.filter { $0 != "," }
    let commas = parts.count - words.count
    // Family, Given / Given Family / Family Given / Given M. Family.
    guard commas <= 1, (2...4).contains(words.count) else { return nil }
    var letters = 0
    for word in words {
      let core = word.hasSuffix(".") ? String(word.dropLast()) : word
      guard let first = core.unicodeScalars.first, ScalarSet.uppercaseLetters.contains(first),
        core.unicodeScalars.allSatisfy({ ScalarSet.letters.contains($0) || $0 == "-" || $0 == "'" })
      else { return nil }
      letters += ascii ? core.utf8.count : core.count
    }
    guard letters >= 4, !words.contains(where: { RoleWords.isRoleWord($0) }) else { return nil }
    self.words = words.map { PrintableASCII.lowercased($0.hasSuffix(".") ? String($0.dropLast()) : $0) }
  }

  static func isKanjiOrKana(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x3041...0x309F, 0x30A0...0x30FF, 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xF900...0xFAFF, 0x3005: true
    default: false
    }
  }

  /// True when the local part is made of the name: `taro.yamada`,
  /// `yamada-taro`, `tyamada`, `yamada_t`, `taroy`.
  func isBuilt(into local: String) -> Bool {
    let pieces =
      PrintableASCII.holds(local)
      ? PrintableASCII.letterRuns(PrintableASCII.lowercased(local))
      : local.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
    // Mary-Ann O'Neill is mary, ann and oneill in an address.
    let parts = words.flatMap {
      ($0.utf8.contains(0x27) ? $0.replacingOccurrences(of: "'", with: "") : $0).split(separator: "-").map(String.init)
    }
    let full = parts.filter { $0.count > 1 }
    guard !full.isEmpty else { return false }
    if full.contains(where: { pieces.contains($0) }) { return true }
    let joined = pieces.joined()
    for family in full {
      for other in parts where other != family {
        guard let initial = other.first else { continue }
        if joined == String(initial) + family || joined == family + String(initial) { return true }
        if joined == other + family || joined == family + other { return true }
      }
    }
    return false
  }

  /// No display name: `taro.yamada`, `j.smith` or `john_smith` read as a
  /// name (two or three letter-only words, at least one of 2+ letters, no
  /// role word, no digits).
  static func isNameLike(localPart: String) -> Bool {
    let l = PrintableASCII.lowercased(localPart)
    guard l.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || $0 == "." || $0 == "_" || $0 == "-" }) else {
      return false
    }
    let pieces = l.split(whereSeparator: { $0 == "." || $0 == "_" || $0 == "-" }).map(String.init)
    guard (2...3).contains(pieces.count), pieces.filter({ $0.count >= 2 }).count >= 1,
      pieces.allSatisfy({ !RoleWords.isRoleWord($0) }), pieces.reduce(0, { $0 + $1.count }) >= 5
    else { return false }
    return true
  }
}

/// Words that name a function, not a person.
enum RoleWords {
  /// Local parts (and their words) of shared mailboxes, English and
  /// romanised Japanese.
  static let localParts: Set<String> = [
    "info", "information", "sales", "support", "contact", "contacts", "admin", "administrator", "recruit",
    "recruiting", "recruitment", "saiyo", "saiyou", "jinji", "soumu", "somu", "noreply", "no-reply",
    "donotreply", "do-not-reply", "office", "webmaster", "postmaster", "hostmaster", "abuse", "hr", "pr",
    "press", "media", "help", "helpdesk", "service", "services", "customer", "customers", "cs", "team",
    "hello", "mail", "inquiry", "inquiries", "enquiry", "enquiries", "toiawase", "otoiawase", "kouhou",
    "koho", "eigyo", "eigyou", "keiri", "jimukyoku", "jimu", "uketsuke", "madoguchi", "billing", "accounts",
    "accounting", "finance", "legal", "compliance", "privacy", "security", "marketing", "newsletter", "news",
    "events", "event", "booking", "reservation", "reservations", "orders", "order", "shop", "store",
    "career", "careers", "jobs", "hiring", "staff", "general", "desk", "system", "notification",
    "notifications", "alert", "alerts", "reception", "secretary", "hisho", "group", "all", "members",
  ]

  /// Words in a display name that make it a function, team or organisation.
  static let nameWords: Set<String> = [
    "team", "sales", "support", "office", "department", "dept", "desk", "center", "centre", "service",
    "services", "info", "information", "inc", "ltd", "llc", "co", "corp", "corporation", "company", "group",
    "division", "section", "unit", "recruiting", "recruitment", "hr", "admin", "administration", "contact",
    "customer", "customers", "helpdesk", "help", "noreply", "secretariat", "committee", "association",
    "university", "school", "newsletter", "news", "marketing", "press", "staff", "shop", "store", "the",
    "k.k.", "gmbh", "ag", "bureau", "club",
  ]

  /// Japanese words that make a display name a function or organisation
  /// wherever they stand.
  static let japaneseMarks = [
    "株式会社", "有限会社", "合同会社", "（株）", "(株)", "㈱", "事務局", "センター", "お問い合わせ", "問合せ", "問い合わせ",
    "協会", "組合", "委員会", "大学", "学校", "法人", "財団", "研究所", "役所", "県庁", "サポート", "カスタマー",
  ]
  /// Endings of a word that names a unit or a shared role (採用担当,
  /// 社員一同, 大阪支店). Single characters (部, 課, 室) are not enough alone:
  /// 阿部, 服部 and 長谷部 are family names; units are caught by their stems.
  static let japaneseEndings = [
    "担当", "担当者", "一同", "窓口", "受付", "本部", "支店", "支社", "営業所", "グループ", "チーム", "事業所", "会社",
  ]
  /// Stems of unit names (営業部, 総務課, 人事室, 広報グループ).
  static let japaneseUnitStems = [
    "営業", "総務", "人事", "経理", "広報", "企画", "開発", "技術部", "管理部", "法務", "財務", "購買", "製造部", "品質",
    "情報システム", "採用", "事業部", "秘書", "業務部", "研究部", "販売", "マーケティング", "お客様", "サービス",
  ]

  static func isRoleWord(_ word: String) -> Bool {
    let w = ScalarSet.periodAndComma.trimming(PrintableASCII.lowercased(word))
    return nameWords.contains(w) || localParts.contains(w)
  }

  /// `info`, `sales-jp`, `recruit2025`, `saiyo_tokyo`, `no-reply`: the first
  /// word (letters only) is a role word, or the whole local part is one.
  static func isRoleLocalPart(_ local: String) -> Bool {
    let l = PrintableASCII.lowercased(local)
    if localParts.contains(l) { return true }
    // Only the first word can decide: "every word a role word" includes it.
    if PrintableASCII.holds(l) { return PrintableASCII.letterRuns(l).first.map(localParts.contains) ?? false }
    let first = l.drop(while: { !$0.isLetter }).prefix(while: \.isLetter)
    return !first.isEmpty && localParts.contains(String(first))
  }

  /// ``japaneseMarks`` and ``japaneseUnitStems`` in NFC UTF-8.
  private static let japaneseInfixes: [[UInt8]] = (japaneseMarks + japaneseUnitStems).map {
    Array($0.precomposedStringWithCanonicalMapping.utf8)
  }

  /// `採用担当`, `Acme Sales Team`, `株式会社サンプル`, `Customer Support`.
  static func isRoleName(_ name: String) -> Bool {
    // Every Japanese mark, stem and ending holds a character beyond ASCII,
    // so an ASCII name (most names) skips them. Others are searched in NFC
    // bytes: Foundation's `contains`, used before, also matched canonically
    // equivalent spellings, but by a locale-aware search per mark that took
    // a quarter of writing the reports of 70,000 exposed addresses.
    if !name.utf8.allSatisfy({ $0 < 0x80 }) {
      let nfc = Array(name.precomposedStringWithCanonicalMapping.utf8)
      if japaneseInfixes.contains(where: { infix in
        nfc.withUnsafeBytes { haystack in
          infix.withUnsafeBytes { needle in
            cshims_memmem(haystack.baseAddress, haystack.count, needle.baseAddress, needle.count) != nil
          }
        }
      }) { return true }
      for word in name.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" }) {
        if japaneseEndings.contains(where: { word.hasSuffix($0) }) { return true }
      }
    }
    let words = name.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "/" || $0 == "-" })
    return words.contains { isRoleWord(String($0)) }
  }
}

/// A Foundation `CharacterSet` with its ASCII members looked up once.
///
/// Writing the reports guesses at every exposed address's display name,
/// and Foundation's trimming and replacing copy the string through
/// `NSString` each time, even when there is nothing to trim or replace:
/// with `CharacterSet` lookups they were two thirds of that guess, and a
/// quarter of writing the reports of 55,000 named addresses. So each is
/// called only when the text holds what it would change, and the answer
/// is Foundation's own.
struct ScalarSet: Sendable {
  let set: CharacterSet
  private let ascii: [Bool]

  init(_ set: CharacterSet) {
    self.set = set
    ascii = (0..<128).map { set.contains(Unicode.Scalar(UInt8($0))) }
  }

  func contains(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x80 ? ascii[Int(scalar.value)] : set.contains(scalar)
  }

  /// `text.trimmingCharacters(in: set)`, Foundation called only when an end
  /// is in the set.
  func trimming(_ text: String) -> String {
    guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
      contains(first) || contains(last)
    else { return text }
    return text.trimmingCharacters(in: set)
  }

  static let spaceAndQuotes = ScalarSet(.whitespacesAndNewlines.union(CharacterSet(charactersIn: "\"'")))
  static let spaces = ScalarSet(.whitespaces)
  static let periodAndComma = ScalarSet(CharacterSet(charactersIn: ".,"))
  static let uppercaseLetters = ScalarSet(.uppercaseLetters)
  static let letters = ScalarSet(.letters)
}

/// Text of printable ASCII only (0x20 to 0x7E): each byte is one scalar and
/// one character (no CR LF pair), so work on its bytes answers as work on
/// its characters does, without the grapheme breaking and Unicode property
/// lookups that were most of guessing 55,000 named addresses.
enum PrintableASCII {
  static func holds(_ text: String) -> Bool { text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } }

  static func isLetter(_ byte: UInt8) -> Bool {
    (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
  }

  /// `text.lowercased()`, without a copy when ASCII text has no capital.
  static func lowercased(_ text: String) -> String {
    guard holds(text) else { return text.lowercased() }
    func isCapital(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
    guard text.utf8.contains(where: isCapital) else { return text }
    return String(decoding: text.utf8.map { isCapital($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
  }

  /// The runs of letters of printable ASCII `text`:
  /// `text.split(whereSeparator: { !$0.isLetter })`.
  static func letterRuns(_ text: String) -> [String] {
    text.utf8.split(whereSeparator: { !isLetter($0) }).map { String(decoding: $0, as: UTF8.self) }
  }
}
