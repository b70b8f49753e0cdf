/// The suffixes of a domain at its label boundaries, longest first:
/// `a.b.c` gives `a.b.c`, `b.c`, `c`.
///
/// Every lookup in this folder (public suffixes, providers, internal domains)
/// walks a domain this way, one Set or Dictionary probe per suffix, so no
/// lookup scans a whole list.
struct DomainSuffixes: Sequence {
  let domain: Substring

  init(_ domain: some StringProtocol) {
    self.domain = Substring(domain)
  }

  func makeIterator() -> Iterator {
    Iterator(domain: domain, start: domain.startIndex, done: domain.isEmpty)
  }

  struct Iterator: IteratorProtocol {
    let domain: Substring
    var start: Substring.Index
    var done: Bool

    mutating func next() -> Substring? {
      guard !done else { return nil }
      let suffix = domain[start...]
      if let dot = suffix.firstIndex(of: ".") {
        start = domain.index(after: dot)
      } else {
        done = true
      }
      return suffix
    }
  }
}
