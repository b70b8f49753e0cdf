import Foundation

/// Internationalised domain names (IDNA 2008 / UTS 46, the parts mail needs).
///
/// Not a full UTS 46 mapping: labels are NFC-normalised and lower-cased, and
/// the ideographic and full-width full stops separate labels, which covers the
/// domains people type; the bidi and contextual rules are not checked.
public enum IDNA {
  /// The ASCII (punycode) form of `domain`, lower-cased; nil if it cannot
  /// be converted.
  public static func toASCII(_ domain: String) -> String? {
    var labels: [String] = []
    let split = Self.labels(of: domain)
    for (position, label) in split.enumerated() {
      if label.isEmpty {
        // Only a trailing dot (the root) may leave an empty label.
        guard position == split.count - 1, position > 0 else { return nil }
        continue
      }
      let ascii: String
      if label.unicodeScalars.allSatisfy({ $0.isASCII }) {
        ascii = label.lowercased()
        if ascii.hasPrefix("xn--") {
          // An A-label must decode, or it is not a domain we can compare.
          guard let unicode = Punycode.decode(String(ascii.dropFirst(4))),
            !unicode.isEmpty
          else { return nil }
        }
      } else {
        let normalized = label.precomposedStringWithCanonicalMapping.lowercased()
          .precomposedStringWithCanonicalMapping
        guard let encoded = Punycode.encode(normalized) else { return nil }
        ascii = "xn--" + encoded
      }
      guard ascii.utf8.count <= 63 else { return nil }
      labels.append(ascii)
    }
    guard !labels.isEmpty else { return nil }
    let result = labels.joined(separator: ".")
    return result.utf8.count <= 253 ? result : nil
  }

  /// The Unicode form of `domain`: each `xn--` label decoded; nil if one is
  /// not valid Punycode.
  public static func toUnicode(_ domain: String) -> String? {
    var labels: [String] = []
    for label in Self.labels(of: domain) {
      let lower = label.lowercased()
      if lower.hasPrefix("xn--") {
        guard let unicode = Punycode.decode(String(lower.dropFirst(4))) else { return nil }
        labels.append(unicode)
      } else {
        labels.append(lower)
      }
    }
    return labels.joined(separator: ".")
  }

  /// The labels, split at `.` and at the dots UTS 46 maps to it (U+3002
  /// ideographic, U+FF0E full-width, U+FF61 half-width ideographic).
  static func labels(of domain: String) -> [String] {
    var labels: [String] = []
    var current = String.UnicodeScalarView()
    for scalar in domain.unicodeScalars {
      switch scalar.value {
      case 0x2E, 0x3002, 0xFF0E, 0xFF61:
        labels.append(String(current))
        current = String.UnicodeScalarView()
      default:
        current.append(scalar)
      }
    }
    labels.append(String(current))
    return labels
  }
}
