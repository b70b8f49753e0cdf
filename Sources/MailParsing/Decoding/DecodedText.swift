/// Text decoded from header bytes, with what had to be guessed on the way.
public struct DecodedText: Hashable, Sendable {
  public var text: String
  /// Problems met while decoding (unknown charset, charset guess, broken
  /// encoded word); the text is still the best reading available.
  public var issues: [DecodingIssue]

  public init(text: String, issues: [DecodingIssue] = []) {
    self.text = text
    self.issues = issues
  }
}

/// One decoding problem, without a location: the caller adds file and field.
public struct DecodingIssue: Hashable, Sendable {
  public var kind: Problem.Kind
  public var detail: String

  public init(kind: Problem.Kind, detail: String) {
    self.kind = kind
    self.detail = detail
  }
}
