import NIOCore

/// Cuts the server's byte stream into whole responses: one line, or several
/// lines joined by literals (`{n}\r\n` followed by exactly n bytes), as
/// RFC 3501 section 4.3 frames them. A literal's bytes are kept inline, so a
/// reader that meets `{n}` takes the next n bytes after its line end.
struct IMAPFrameDecoder: ByteToMessageDecoder {
  typealias InboundOut = [UInt8]

  /// Longest line the client accepts, so a hostile server cannot make it
  /// buffer without end.
  static let maxLineLength = 1 << 20
  /// Largest literal: far above any header block asked for.
  static let maxLiteralLength = 64 << 20

  /// Where the scan of the buffered bytes resumes, relative to the reader
  /// index, so a long response is not rescanned from its start per read.
  private var scanned = 0
  /// Start of the current line, relative to the reader index.
  private var lineStart = 0

  mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
    let view = buffer.readableBytesView
    while true {
      guard let newline = view.dropFirst(scanned).firstIndex(of: UInt8(ascii: "\n")) else {
        if view.count - lineStart > Self.maxLineLength { throw IMAPFrameError.lineTooLong }
        scanned = view.count
        return .needMoreData
      }
      let lineEnd = newline - view.startIndex
      if lineEnd - lineStart > Self.maxLineLength { throw IMAPFrameError.lineTooLong }
      let line = view[(view.startIndex + lineStart)..<newline]
      if let length = try Self.literalLength(endingLine: line) {
        let literalStart = lineEnd + 1
        guard view.count - literalStart >= length else {
          scanned = lineEnd  // come back to this line when more bytes arrive
          return .needMoreData
        }
        lineStart = literalStart + length
        scanned = lineStart
        continue
      }
      // The whole response, without its final line end.
      var end = lineEnd
      if end > 0, view[view.startIndex + end - 1] == UInt8(ascii: "\r") { end -= 1 }
      let frame = Array(view[view.startIndex..<(view.startIndex + end)])
      buffer.moveReaderIndex(forwardBy: lineEnd + 1)
      scanned = 0
      lineStart = 0
      context.fireChannelRead(self.wrapInboundOut(frame))
      return .continue
    }
  }

  mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws
    -> DecodingState
  {
    // A partial response at the end of the stream is dropped here; the
    // client sees the connection close and reports it as dropped.
    while try decode(context: context, buffer: &buffer) == .continue {}
    return .needMoreData
  }

  /// The n of a line ending in `{n}` or `{n+}` (before its line end), if any.
  static func literalLength<Bytes: BidirectionalCollection>(endingLine line: Bytes) throws -> Int?
  where Bytes.Element == UInt8 {
    var bytes = line[...]
    if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
    guard bytes.last == UInt8(ascii: "}") else { return nil }
    bytes = bytes.dropLast()
    if bytes.last == UInt8(ascii: "+") { bytes = bytes.dropLast() }
    var value = 0
    var digits = 0
    while let digit = bytes.last, digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") {
      guard digits < 10 else { throw IMAPFrameError.literalTooLarge }
      var place = 1
      for _ in 0..<digits { place *= 10 }
      value += Int(digit - UInt8(ascii: "0")) * place
      digits += 1
      bytes = bytes.dropLast()
    }
    guard digits > 0, bytes.last == UInt8(ascii: "{") else { return nil }
    guard value <= maxLiteralLength else { throw IMAPFrameError.literalTooLarge }
    return value
  }
}

/// A response the frame decoder refuses to buffer.
enum IMAPFrameError: Error, Equatable {
  case lineTooLong
  case literalTooLarge
}
