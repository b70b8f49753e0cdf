/// The commented `mailaudit.toml` that `mailaudit init` writes, filled with
/// what was inferred and every other setting at its default, commented out.
public enum ConfigurationTemplate {
  /// The file's text. `domains` are inferred internal domains with how many
  /// sent messages came from each; `source` says what they were inferred from.
  public static func text(domains: [String: Int], source: String) -> String {
    let sorted = domains.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
    let list = sorted.map { "\"\($0.key)\"" }.joined(separator: ", ")
    let counts = sorted.map { "#   \($0.key): \($0.value) sent messages" }.joined(separator: "\n")
    return """
      # mailaudit configuration. Command-line options override what is set here.
      # Written by `mailaudit init` from \(source).

      # Your organisation's domains; subdomains count too. Addresses there are
      # internal and never exposed. Inferred from the senders:
      \(counts.isEmpty ? "#   (no sender domain found)" : counts)
      # Check this list: a customer's domain here would hide its exposures.
      \(sorted.isEmpty ? "# internal_domains = [\"example.co.jp\"]" : "internal_domains = [\(list)]")

      # External parties a message must expose to each other to be a finding.
      # min_parties = 2

      # Your organisation's name, printed on the regulator pack and signed
      # under the follow-up drafts of `mailaudit notify`.
      # organisation = "Example Co., Ltd."

      # Who the exposed people contact about an incident, in the drafts.
      # contact = "Privacy desk, 03-1234-5678, privacy@example.co.jp"

      # Language of reports and printed text: "ja" or "en" (default: the
      # locale, LANG=ja_JP.UTF-8 gives Japanese). --lang overrides it.
      # language = "ja"

      # Time zone of every time in reports (IANA name; default: the system's).
      # --timezone overrides it.
      # timezone = "Asia/Tokyo"

      # A public body (行政機関等) must report above 100 people, not 1,000.
      # public_body = false

      # Personal-mail providers: each address there is a private individual.
      # [personal_providers]
      # add = ["example-isp.ne.jp"]
      # remove = ["gmx.de"]

      # Severity thresholds: a finding is the highest level whose exposed or
      # personal count it reaches.
      # [severity]
      # critical = { exposed = 100, personal = 20 }
      # high = { exposed = 20, personal = 5 }
      # medium = { exposed = 5, personal = 2 }

      # Estimated cost of an incident: price per exposed address.
      # [cost]
      # price_per_address = 10000
      # currency = "JPY"

      # Parties or addresses that may see each other (a joint project, a
      # board): a message whose external recipients all fall in one group is
      # not a finding, and reports count what each group suppressed.
      # [[allow]]
      # name = "joint project"
      # members = ["partner-a.example", "partner-b.example", "someone@gmail.com"]

      # Exchange legacy (X.500) addresses and the SMTP address each stands for.
      # [x500]
      # "/O=EXAMPLE/OU=EXCHANGE ADMINISTRATIVE GROUP/CN=RECIPIENTS/CN=TANAKA" = "tanaka@example.co.jp"

      # Regulator pack thresholds and deadlines.
      # [regulator]
      # people_threshold = 1000
      # public_body_threshold = 100
      # gdpr_hours = 72
      # preliminary_days = 5
      # final_days = 30

      """
  }
}
