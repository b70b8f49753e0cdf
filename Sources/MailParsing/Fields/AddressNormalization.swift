// Interim normalisation, replaced by the full one (IDNA, quoted local parts).
extension Address {
  /// The form two addresses are compared in: local part lower-cased, domain
  /// lower-cased in its ASCII (IDNA) form. Nil when the domain cannot be
  /// converted.
  public var normalized: String? {
    "\(localPart.lowercased())@\(domain.lowercased())"
  }

  /// The normalised domain alone.
  public var normalizedDomain: String? { domain.lowercased() }
}
