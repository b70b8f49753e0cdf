import MailParsing

/// The Public Suffix List (https://publicsuffix.org/): the domains under
/// which anyone can register a name, so that `sales.acme.co.jp` and
/// `acme.co.jp` are known to belong to one registrant and `a.co.jp` and
/// `b.co.jp` to two.
///
/// Rules of both the ICANN and the PRIVATE sections apply, as in libpsl's
/// default: `alice.github.io` and `bob.github.io` are two registrants.
/// Unicode rules are converted to ASCII with ``IDNA/toASCII(_:)``; a rule
/// that cannot be converted is listed in ``ignoredRules``, not dropped
/// silently. A lookup is one dictionary probe per label of the domain.
public struct PublicSuffixList: Sendable {
  /// Where the rules came from (a file path, or a description), for reports.
  public internal(set) var source: String
  /// How many rules are in force.
  public let ruleCount: Int
  /// Rules as written that could not be used: not convertible to ASCII, or
  /// a wildcard other than a leading `*.`.
  public let ignoredRules: [String]

  /// What the rules say about one suffix; a suffix can carry several kinds
  /// (`*.compute.amazonaws.com` beside `compute.amazonaws.com`).
  struct RuleKinds: OptionSet, Sendable {
    let rawValue: UInt8
    /// `example.com`: the suffix itself is public.
    static let normal = RuleKinds(rawValue: 1)
    /// `*.ck` stored under `ck`: every child of the suffix is public.
    static let wildcardChildren = RuleKinds(rawValue: 2)
    /// `!www.ck` stored under `www.ck`: the suffix is registrable after all.
    static let exception = RuleKinds(rawValue: 4)
  }

  private let rules: [String: RuleKinds]

  /// Reads rules in the list's own format: one rule per line, read up to
  /// the first whitespace; `//` comments and blank lines skipped.
  public init(rules text: String, source: String = "given rules") {
    var rules: [String: RuleKinds] = [:]
    // Read at every start of the program (about 10,000 rules in 250 KB):
    // sized once, the table is not rehashed as it grows.
    rules.reserveCapacity(text.utf8.count / 24)
    var ignored: [String] = []
    var count = 0
    // Lines are found in the text's bytes where they lie: splitting the
    // `String`'s UTF-8 view into an array of slices was a quarter of
    // reading the list.
    let slash = UInt8(ascii: "/")
    var text = text
    text.withUTF8 { bytes in
      var start = 0
      while start < bytes.count {
        let lineEnd = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
        var ruleEnd = start
        while ruleEnd < lineEnd && !Self.isWhitespace(bytes[ruleEnd]) { ruleEnd += 1 }
        let rule = UnsafeBufferPointer(rebasing: bytes[start..<ruleEnd])
        start = lineEnd + 1
        // A blank line, one that starts with white space, or a comment.
        guard let first = rule.first, first != slash || rule.count < 2 || rule[1] != slash else { continue }
        guard let (suffix, kind) = Self.parseRule(rule) else {
          ignored.append(String(decoding: rule, as: UTF8.self))
          continue
        }
        rules[suffix, default: []].insert(kind)
        count += 1
      }
    }
    self.rules = rules
    self.ruleCount = count
    self.ignoredRules = ignored
    self.source = source
  }

  /// The public suffix of `domain` (`co.jp` for `sales.acme.co.jp`), by
  /// the list's rules and the implicit `*` rule; nil when `domain` is empty
  /// or not a domain name (see ``registrableDomain(of:)``).
  public func publicSuffix(of domain: String) -> String? {
    split(domain).map { String($0.suffix) }
  }

  /// The registrable domain of `domain`: its public suffix and one more
  /// label (`acme.co.jp` for `sales.acme.co.jp`).
  ///
  /// The input is expected in lower-case ASCII (IDNA) form; upper-case
  /// letters are lower-cased and Unicode is converted with IDNA, so the
  /// answer is always ASCII. Nil when the domain is itself a public suffix
  /// (`co.jp`, `localhost` by the implicit rule), or is not a domain name:
  /// empty, an empty label (leading, trailing or double dot), an address
  /// literal (`[1.2.3.4]`), or a last label of digits only (an IPv4
  /// address written without brackets).
  public func registrableDomain(of domain: String) -> String? {
    split(domain)?.registrable.map(String.init)
  }

  /// The domain's public suffix, and its registrable domain when it has one.
  private func split(_ domain: String) -> (suffix: Substring, registrable: Substring?)? {
    guard let name = Self.lookupForm(of: domain) else { return nil }
    let suffixes = Array(DomainSuffixes(name))
    let kinds = suffixes.map { rules[String($0)] ?? [] }
    // An exception beats every other rule: its suffix minus the leftmost
    // label is public, the exception itself registrable.
    for (index, kind) in kinds.enumerated() where kind.contains(.exception) {
      guard let exception = suffixes[checked: index] else { break }
      return (suffixes[checked: index + 1] ?? "", exception)
    }
    // Otherwise the longest matching rule wins; suffixes run longest first.
    for index in suffixes.indices {
      let parent = kinds[checked: index + 1] ?? []
      if kinds[index].contains(.normal) || parent.contains(.wildcardChildren) {
        return (suffixes[index], suffixes[checked: index - 1])
      }
    }
    // The implicit `*` rule: the last label is public.
    guard let last = suffixes.last else { return nil }
    return (last, suffixes[checked: suffixes.count - 2])
  }

  /// The domain in lower-case ASCII, or nil when it is not a domain name.
  private static func lookupForm(of domain: String) -> String? {
    var name = domain
    if !name.utf8.allSatisfy({ $0 < 0x80 }) {
      guard let ascii = IDNA.toASCII(name) else { return nil }
      name = ascii
    } else if name.utf8.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) {
      name = name.lowercased()
    }
    let labels = name.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
    guard let last = labels.last, !name.hasPrefix("["),
      labels.allSatisfy({ !$0.isEmpty }),
      !last.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
    else { return nil }
    return name
  }

  /// The suffix a rule (its bytes, as written) is stored under and its
  /// kind; nil when it is unusable. An ASCII rule is read on its bytes; any
  /// other as a `String`, converted with IDNA.
  private static func parseRule(_ written: UnsafeBufferPointer<UInt8>) -> (String, RuleKinds)? {
    guard written.allSatisfy({ $0 < 0x80 }) else { return parseRule(String(decoding: written, as: UTF8.self)) }
    var body = written[...]
    var kind = RuleKinds.normal
    if body.first == UInt8(ascii: "!") {
      body = body.dropFirst()
      kind = .exception
    } else if body.count >= 2, body.first == UInt8(ascii: "*"), body[body.startIndex + 1] == UInt8(ascii: ".") {
      body = body.dropFirst(2)
      kind = .wildcardChildren
    }
    // An exception names a registrable domain, so it has at least two labels.
    guard !body.isEmpty, !body.contains(UInt8(ascii: "*")), !body.contains(UInt8(ascii: "!")),
      kind != .exception || body.contains(UInt8(ascii: "."))
    else { return nil }
    let suffix = String(unsafeUninitializedCapacity: body.count) { out in
      for (i, byte) in body.enumerated() { out[i] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
      return body.count
    }
    return (suffix, kind)
  }

  /// ``parseRule(_:)`` of a rule that is not ASCII.
  private static func parseRule(_ written: String) -> (String, RuleKinds)? {
    var body = Substring(written)
    var kind = RuleKinds.normal
    // The first byte decides before the character-wise `hasPrefix`, which
    // took about a seventh of reading the list.
    let first = body.utf8.first
    if first == UInt8(ascii: "!"), body.hasPrefix("!") {
      body = body.dropFirst()
      kind = .exception
    } else if first == UInt8(ascii: "*"), body.hasPrefix("*.") {
      body = body.dropFirst(2)
      kind = .wildcardChildren
    }
    // An exception names a registrable domain, so it has at least two labels.
    // (Bytes, not `contains(_: StringProtocol)`: that is Foundation's
    // locale-aware search, a third of the list's load time.)
    guard !body.isEmpty, !body.utf8.contains(UInt8(ascii: "*")), !body.utf8.contains(UInt8(ascii: "!")),
      kind != .exception || body.utf8.contains(UInt8(ascii: "."))
    else { return nil }
    guard let ascii = IDNA.toASCII(String(body)), !ascii.isEmpty else { return nil }
    return (ascii, kind)
  }

  private static func isWhitespace(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
  }
}

extension Array {
  /// The element at `index`, or nil when it is out of range.
  fileprivate subscript(checked index: Int) -> Element? {
    indices.contains(index) ? self[index] : nil
  }
}
