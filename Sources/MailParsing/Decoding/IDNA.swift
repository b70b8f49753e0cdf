// Interim IDNA (ASCII only), replaced by the full RFC 3492 / UTS 46 one.
/// Internationalised domain names.
public enum IDNA {
  /// The ASCII (punycode) form of `domain`, lower-cased; nil if it cannot
  /// be converted.
  public static func toASCII(_ domain: String) -> String? {
    domain.allSatisfy(\.isASCII) ? domain.lowercased() : nil
  }
}
